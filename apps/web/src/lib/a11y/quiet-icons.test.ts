import { describe, expect, it } from 'vitest';
import { keepIconsQuiet } from './quiet-icons';

describe('antd icons are decoration', () => {
  it('no English icon name reaches a screen reader, also for icons added later', async () => {
    const root = document.createElement('div');
    root.innerHTML = '<button aria-label="刷新"><span role="img" aria-label="reload" class="anticon anticon-reload"></span></button>';
    document.body.append(root);
    const stop = keepIconsQuiet(root);
    expect(root.querySelector('.anticon')?.getAttribute('aria-hidden')).toBe('true');
    expect(root.querySelector('[aria-label="reload"]')).toBeNull();
    root.insertAdjacentHTML('beforeend', '<span role="img" aria-label="down" class="anticon anticon-down"></span>');
    await new Promise((r) => setTimeout(r, 0));
    expect(root.querySelector('[aria-label="down"]')).toBeNull();
    expect(root.querySelector('button')?.getAttribute('aria-label')).toBe('刷新');
    stop();
    root.remove();
  });
});
