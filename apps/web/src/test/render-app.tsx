import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider, type InitialEntry } from '../lib/router';
import { AppProviders } from '../app/providers';
import { routes } from '../app/router';
import { mockBff } from './bff-fixtures';

/** The whole console at `entry`, against the mocked BFF. */
export function renderApp(entry: InitialEntry = '/', overrides?: Parameters<typeof mockBff>[0]) {
  const fetchMock = mockBff(overrides);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter(routes, { initialEntries: [entry] });
  render(
    <AppProviders queryClient={client}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { user: userEvent.setup(), fetchMock, router, client };
}

/** The requests the mocked fetch received for `path` (and `method`). */
export function callsTo(fetchMock: ReturnType<typeof mockBff>, path: string, method = 'GET') {
  return fetchMock.mock.calls.filter(([input, init]) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
    return url.pathname === path && (init?.method ?? 'GET') === method;
  });
}
