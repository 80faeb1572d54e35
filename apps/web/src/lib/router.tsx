import {
  createContext,
  startTransition,
  Suspense,
  useContext,
  useMemo,
  useSyncExternalStore,
  type AnchorHTMLAttributes,
  type ComponentType,
  type CSSProperties,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { lazyPart } from './lazy-part';

/**
 * The console's router: the few things it needs of one (a route table with one layout, path
 * parameters, pages loaded lazily, links, history state), in a fraction of the first screen's
 * bytes a general router costs. Browser history in the app, memory history in tests.
 */

export interface Location {
  pathname: string;
  search: string;
  /** What `navigate(to, { state })` left with this entry. */
  state: unknown;
  /** Unique per history entry. */
  key: string;
}

export interface RouteObject {
  path?: string;
  index?: boolean;
  element?: ReactNode;
  /** A module exporting the page as `Component`, loaded when the route is first shown. */
  lazy?: () => Promise<{ Component: ComponentType }>;
  /** Shown while a lazily loaded page opened directly is fetched. */
  hydrateFallbackElement?: ReactNode;
  children?: RouteObject[];
}

export interface NavigateOptions {
  replace?: boolean;
  state?: unknown;
}

interface History {
  location: () => Location;
  push: (to: string, options?: NavigateOptions) => void;
  subscribe: (listener: () => void) => () => void;
}

export interface Router {
  routes: RouteObject[];
  history: History;
  navigate: (to: string, options?: NavigateOptions) => void;
  /** The current location (as tests read it). */
  readonly state: { location: Location };
}

const newKey = () => Math.random().toString(36).slice(2, 10);

function split(to: string): { pathname: string; search: string } {
  const url = new URL(to, 'http://x');
  return { pathname: url.pathname, search: url.search };
}

function browserHistory(): History {
  const listeners = new Set<() => void>();
  let current: Location | null = null;
  const read = (): Location => {
    const st = window.history.state as { usr?: unknown; key?: string } | null;
    return { pathname: window.location.pathname, search: window.location.search, state: st?.usr ?? null, key: st?.key ?? 'default' };
  };
  const notify = () => {
    current = read();
    for (const l of listeners) l();
  };
  return {
    location: () => (current ??= read()),
    push(to, options = {}) {
      const entry = { usr: options.state ?? null, key: newKey() };
      if (options.replace) window.history.replaceState(entry, '', to);
      else window.history.pushState(entry, '', to);
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) window.addEventListener('popstate', notify);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) window.removeEventListener('popstate', notify);
      };
    },
  };
}

/** A history entry to start a memory router at: a path, or a path with its state. */
export type InitialEntry = string | { pathname: string; state?: unknown };

function memoryHistory(initial: InitialEntry): History {
  const listeners = new Set<() => void>();
  const entry = typeof initial === 'string' ? { pathname: initial, state: null } : initial;
  let current: Location = { ...split(entry.pathname), state: entry.state ?? null, key: 'default' };
  return {
    location: () => current,
    push(to, options = {}) {
      current = { ...split(to), state: options.state ?? null, key: newKey() };
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function makeRouter(routes: RouteObject[], history: History): Router {
  return {
    routes,
    history,
    // A transition: the page on screen stays until the next one (maybe lazily loaded) is ready.
    navigate: (to, options) => startTransition(() => history.push(to, options)),
    get state() {
      return { location: history.location() };
    },
  };
}

export const createBrowserRouter = (routes: RouteObject[]): Router => makeRouter(routes, browserHistory());
export const createMemoryRouter = (routes: RouteObject[], opts: { initialEntries?: InitialEntry[] } = {}): Router =>
  makeRouter(routes, memoryHistory(opts.initialEntries?.at(-1) ?? '/'));

const lazyPages = new WeakMap<RouteObject, ComponentType>();
function pageOf(route: RouteObject): ReactNode {
  if (!route.lazy) return route.element ?? null;
  let Page = lazyPages.get(route);
  if (!Page) {
    const load = route.lazy;
    // Retryable: a page that failed to load is asked for anew (see LoadBoundary).
    Page = lazyPart(() => load().then((m) => ({ default: m.Component })));
    lazyPages.set(route, Page);
  }
  return <Page />;
}

/** `/a/:b` against a pathname: the decoded parameters, or null. `*` matches anything. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  if (pattern === '*') return {};
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = have[i] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(value);
    else if (part !== value) return null;
  }
  return params;
}

interface Match {
  layout: RouteObject;
  child: RouteObject | undefined;
  params: Record<string, string>;
}

function match(routes: RouteObject[], pathname: string): Match | null {
  for (const layout of routes) {
    for (const child of layout.children ?? []) {
      const params = child.index ? (matchPath(layout.path ?? '/', pathname) ? {} : null) : matchPath(child.path ?? '', pathname);
      if (params) return { layout, child, params };
    }
  }
  return null;
}

interface RouteContextValue {
  router: Router;
  location: Location;
  params: Record<string, string>;
  outlet: ReactNode;
}
const RouteContext = createContext<RouteContextValue | null>(null);

function useRoute(): RouteContextValue {
  const value = useContext(RouteContext);
  if (!value) throw new Error('outside RouterProvider');
  return value;
}

export function RouterProvider({ router }: { router: Router }) {
  const location = useSyncExternalStore(router.history.subscribe, router.history.location);
  const found = match(router.routes, location.pathname);
  const outlet = found?.child ? (
    <Suspense fallback={found.layout.hydrateFallbackElement ?? null}>{pageOf(found.child)}</Suspense>
  ) : null;
  return <RouteContext.Provider value={{ router, location, params: found?.params ?? {}, outlet }}>{found ? found.layout.element : null}</RouteContext.Provider>;
}

export const Outlet = () => <>{useRoute().outlet}</>;
export const useLocation = (): Location => useRoute().location;
export const useParams = (): Record<string, string | undefined> => useRoute().params;
export const useSearchParams = (): [URLSearchParams] => {
  const { search } = useRoute().location;
  return [useMemo(() => new URLSearchParams(search), [search])];
};
export const useNavigate = () => useRoute().router.navigate;

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'style'> & { to: string; style?: CSSProperties };

/** An anchor that navigates in the page (a modified or middle click opens it as the browser would). */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const navigate = useNavigate();
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.altKey || e.ctrlKey || e.shiftKey || rest.target) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}

/** A link that knows whether it points at the current page (`end`: only exactly). */
export function NavLink({
  to,
  end,
  style,
  ...rest
}: Omit<LinkProps, 'style'> & { end?: boolean; style?: (state: { isActive: boolean }) => CSSProperties }) {
  const { pathname } = useLocation();
  const isActive = pathname === to || (!end && pathname.startsWith(to.endsWith('/') ? to : `${to}/`));
  return <Link to={to} aria-current={isActive ? 'page' : undefined} style={style?.({ isActive })} {...rest} />;
}
