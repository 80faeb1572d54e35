import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from '../../../lib/router';
import { AppProviders } from '../../../app/providers';
import { routes } from '../../../app/router';
import { mockBff } from '../../../test/bff-fixtures';

afterEach(() => vi.unstubAllGlobals());

/** The label element of the form item around a control. */
const labelOf = (control: HTMLElement) => {
  const id = control.getAttribute('id');
  return document.querySelector(`label[for="${id}"]`);
};

describe('FieldControl', () => {
  it('marks required inputs and pickers, but not the switch, which is always set one way or the other', async () => {
    mockBff();
    render(
      <AppProviders queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <RouterProvider router={createMemoryRouter(routes, { initialEntries: ['/'] })} />
      </AppProviders>,
    );
    const ha = await screen.findByRole('switch', { name: '是否启用高可用配置' }, { timeout: 5000 });
    expect(labelOf(ha)).toBeTruthy();
    expect(labelOf(ha)!.classList.contains('ant-form-item-required')).toBe(false);
    // The other fields of the same form do carry the mark, so the check above can tell.
    expect(labelOf(screen.getByRole('combobox', { name: 'ACK 集群ID' }))!.classList.contains('ant-form-item-required')).toBe(true);
    expect(labelOf(screen.getByRole('textbox', { name: '服务实例名称' }))!.classList.contains('ant-form-item-required')).toBe(true);
  });
});
