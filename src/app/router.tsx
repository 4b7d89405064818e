import { useEffect, useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';
import { Link as MuiLink, type LinkProps } from '@mui/material';

// A small history-API router: the app has four kinds of page and deep links to each, which does
// not warrant a routing library.

export type Route =
  | { page: 'home' }
  | { page: 'new-datasource' }
  | { page: 'datasource'; id: string }
  | { page: 'query'; id: string }
  | { page: 'page' }
  | { page: 'not-found'; path: string };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { page: 'home' };
  if (parts[0] === 'datasources' && parts[1] === 'new' && parts.length === 2)
    return { page: 'new-datasource' };
  if (parts[0] === 'datasources' && parts.length === 2)
    return { page: 'datasource', id: parts[1]! };
  if (parts[0] === 'queries' && parts.length === 2) return { page: 'query', id: parts[1]! };
  if (parts[0] === 'page' && parts.length === 1) return { page: 'page' };
  return { page: 'not-found', path: pathname };
}

const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
};

export function navigate(path: string, options: { replace?: boolean } = {}) {
  if (path === window.location.pathname) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, () => window.location.pathname);
  return parseRoute(pathname);
}

export const paths = {
  home: '/',
  newDatasource: '/datasources/new',
  datasource: (id: string) => `/datasources/${encodeURIComponent(id)}`,
  query: (id: string) => `/queries/${encodeURIComponent(id)}`,
  page: '/page',
};

/** An anchor that navigates inside the app (and still opens in a new tab with a modifier key). */
export function AppLink({
  to,
  children,
  ...rest
}: { to: string; children: ReactNode } & Omit<LinkProps, 'href'>) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <MuiLink href={to} onClick={onClick} {...rest}>
      {children}
    </MuiLink>
  );
}

/** Sets the document title for the current page. */
export function useTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Twilio Query Builder` : 'Twilio Query Builder';
  }, [title]);
}
