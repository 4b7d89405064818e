import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  type RouterHistory,
} from '@tanstack/react-router';
import { AppShell, NotFoundPage, PagePending, type Frame } from './app';
import { HomePage } from './pages/home-page';

// Each page but the home page loads on first visit, or as soon as a link to it is pointed at or
// focused, so the first screen needs only the shell and the explorer (the binding engine comes
// with the pages that read it).

const rootRoute = createRootRoute({ component: AppShell, notFoundComponent: NotFoundPage });

const homeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  component: HomePage,
});

const newDatasourceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/datasources/new',
  component: lazyRouteComponent(() => import('./pages/new-datasource-page'), 'NewDatasourcePage'),
});

// Another id is another page: its form, dialogs and editor start afresh rather than keep the
// previous one's state.
const datasourceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/datasources/$datasourceId',
  component: lazyRouteComponent(() => import('./pages/datasource-page'), 'DatasourceRoute'),
  remountDeps: ({ params }) => params.datasourceId,
});

const queryRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/queries/$queryId',
  component: lazyRouteComponent(() => import('./pages/query-page'), 'QueryRoute'),
  remountDeps: ({ params }) => params.queryId,
});

const pageRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/page',
  component: lazyRouteComponent(() => import('./pages/page-page'), 'PagePage'),
});

// Accounts (issue 12): the screens before the app, the published app, the users. A route's
// staticData.frame tells the shell how to frame it (app.tsx); editor routes are the default.

/**
 * Where to go once signed in: a path of this app, never another site (`//host`, or `/\host`,
 * which URL parsing reads as `//host`), nor the sign-in or setup page itself.
 */
const afterSignIn = (search: Record<string, unknown>): { redirect?: string } => {
  const to = search.redirect;
  return typeof to === 'string' &&
    /^\/(?![/\\])/.test(to) &&
    !to.includes('\\') &&
    !/^\/(sign-in|setup)\b/.test(to)
    ? { redirect: to }
    : // Spelled out: the router keeps the address's own value of a key left out.
      { redirect: undefined };
};

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  staticData: { frame: 'bare' },
  validateSearch: afterSignIn,
  component: lazyRouteComponent(() => import('./pages/sign-in-page'), 'SignInPage'),
});

const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/setup',
  staticData: { frame: 'bare' },
  component: lazyRouteComponent(() => import('./pages/setup-page'), 'SetupPage'),
});

const publishedAppRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/app',
  staticData: { frame: 'app' },
  component: lazyRouteComponent(() => import('./pages/app-page'), 'AppPage'),
});

const usersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/users',
  component: lazyRouteComponent(() => import('./pages/users-page'), 'UsersPage'),
});

// The audit log: everyone may read it (operators and viewers see their own events), so it is
// framed as the published app is, which every role may reach.
const auditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/audit',
  staticData: { frame: 'app' },
  component: lazyRouteComponent(() => import('./pages/audit-page'), 'AuditPage'),
});

const routeTree = rootRoute.addChildren([
  homeRoute,
  newDatasourceRoute,
  datasourceRoute,
  queryRoute,
  pageRoute,
  signInRoute,
  setupRoute,
  publishedAppRoute,
  usersRoute,
  auditRoute,
]);

/** The app's router; tests pass a memory history to open it at a path. */
export function createAppRouter(options: { history?: RouterHistory } = {}) {
  return createRouter({
    routeTree,
    history: options.history,
    // Paths are what the app links to, exactly: /Page is not /page.
    caseSensitive: true,
    defaultPreload: 'intent',
    defaultPendingComponent: PagePending,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

/**
 * The routes the address bar opens, root first. Their pages' code starts loading at once, beside
 * the session check, rather than once React has rendered the router.
 */
export function openingRoutes(router: AppRouter) {
  const routes = router.matchRoutes(router.latestLocation.pathname);
  for (const { routeId } of routes)
    // A failure is left to the page's own load to show.
    void router.loadRouteChunk(router.routesById[routeId])?.catch(() => undefined);
  return routes;
}

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
  interface StaticDataRouteOption {
    /** How the shell frames the page (app.tsx); `editor` when left out. */
    frame?: Frame;
  }
}
