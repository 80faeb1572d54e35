import { createBrowserRouter, type RouteObject } from '../lib/router';
import { DeployRoute } from './routes/deploy';
import { RootLayout } from './routes/root-layout';

/** The deploy wizard is the first screen and is bundled with the entry; every other page is lazy. */
export const routes: RouteObject[] = [
  {
    path: '/',
    element: <RootLayout />,
    // Shown while a lazily loaded page opened directly (e.g. /deployments) is fetched.
    hydrateFallbackElement: <div aria-busy="true" style={{ minHeight: '100vh' }} />,
    children: [
      { index: true, element: <DeployRoute /> },
      { path: 'deployments', lazy: () => import('./routes/deployments') },
      { path: 'deployments/:instanceId', lazy: () => import('./routes/deployment') },
      { path: 'prerequisites', lazy: () => import('./routes/prerequisites') },
      { path: 'mcp', lazy: () => import('./routes/mcp') },
      { path: 'mcp/servers/:mcpId', lazy: () => import('./routes/mcp-server') },
      { path: '*', lazy: () => import('./routes/not-found') },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
