import { lazy, useState, type ComponentType } from 'react';
import type { Route } from './router';

// Each page loads on first visit, so the first screen needs only the shell and the explorer (the
// binding engine comes with the pages that read it).

/**
 * A page whose code loads on first visit. `preload()` starts loading it early: for the page a deep
 * link opens, while the session is checked, and for an explorer entry under the pointer. A page
 * whose code is already here renders at once: React.lazy would suspend once even then, and
 * Suspense holds back what replaces its fallback for a moment.
 */
export function lazyPage<M, P extends object>(
  load: () => Promise<M>,
  pick: (module: M) => ComponentType<P>,
) {
  let loaded: ComponentType<P> | undefined;
  const preload = () => load().then((module) => (loaded = pick(module)));
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function LazyPage(props: P) {
    // Chosen once per instance: changing a component's type would remount the page and lose its state.
    const [Component] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return <Component {...props} />;
  }
  return Object.assign(LazyPage, { preload });
}

export const DatasourcePage = lazyPage(
  () => import('./pages/datasource-page'),
  (m) => m.DatasourcePage,
);
export const NewDatasourcePage = lazyPage(
  () => import('./pages/new-datasource-page'),
  (m) => m.NewDatasourcePage,
);
export const QueryPage = lazyPage(
  () => import('./pages/query-page'),
  (m) => m.QueryPage,
);
export const PagePage = lazyPage(
  () => import('./pages/page-page'),
  (m) => m.PagePage,
);

/** Starts loading the code of a route's page; a failure is left to the page's own load to show. */
export function preloadPage(page: Route['page']) {
  const lazyPage =
    page === 'query'
      ? QueryPage
      : page === 'page'
        ? PagePage
        : page === 'datasource'
          ? DatasourcePage
          : page === 'new-datasource'
            ? NewDatasourcePage
            : undefined;
  lazyPage?.preload().catch(() => undefined);
}
