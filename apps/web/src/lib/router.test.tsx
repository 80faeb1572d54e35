import { describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, Link, matchPath, NavLink, Outlet, RouterProvider, useLocation, useParams, useSearchParams } from './router';

describe('router', () => {
  it('matches path parameters (decoded), the catch-all, and nothing else', () => {
    expect(matchPath('/deployments/:id', '/deployments/si-a%2Fb')).toEqual({ id: 'si-a/b' });
    expect(matchPath('/deployments/:id', '/deployments')).toBeNull();
    expect(matchPath('/deployments', '/deployments/')).toEqual({});
    expect(matchPath('*', '/anything/else')).toEqual({});
  });

  it('renders the page of the location in the layout, follows links with their state, and marks the current link', async () => {
    function Page() {
      const { id } = useParams();
      const [search] = useSearchParams();
      const { state } = useLocation();
      return <p>page {id} {search.get('ns')} {JSON.stringify(state)}</p>;
    }
    const router = createMemoryRouter([
      {
        path: '/',
        element: (
          <main>
            <NavLink to="/" end>home</NavLink>
            <NavLink to="/things">things</NavLink>
            <Link to="/things/a%20b?ns=x">open</Link>
            <Outlet />
          </main>
        ),
        children: [
          { index: true, element: <p>index</p> },
          { path: 'things/:id', lazy: () => Promise.resolve({ Component: Page }) },
          { path: '*', element: <p>missing</p> },
        ],
      },
    ]);
    render(<RouterProvider router={router} />);
    expect(screen.getByText('index')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'home' }).getAttribute('aria-current')).toBe('page');
    await userEvent.click(screen.getByRole('link', { name: 'open' }));
    expect(await screen.findByText('page a b x null')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/things/a%20b');
    expect(screen.getByRole('link', { name: 'home' }).getAttribute('aria-current')).toBeNull();
    expect(screen.getByRole('link', { name: 'things' }).getAttribute('aria-current')).toBe('page');
    act(() => router.navigate('/things/b', { state: { prefill: 1 } }));
    expect(await screen.findByText('page b {"prefill":1}')).toBeTruthy();
    act(() => router.navigate('/nowhere'));
    expect(await screen.findByText('missing')).toBeTruthy();
  });
});
