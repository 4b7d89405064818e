import type { QueryClient } from '@tanstack/react-query';
import { rootRouteId, type MakeRouteMatchUnion } from '@tanstack/react-router';
import {
  datasourceQueryOptions,
  datasourcesQueryOptions,
  lookupsQueryOptions,
} from '../features/datasources/api/datasources';
import { emulatorInfoQueryOptions } from '../features/emulator/api/get-emulator-info';
import { queriesQueryOptions, savedQueryOptions } from '../features/queries/api/queries';
import { sessionQueryOptions } from '../features/session/api';
import { pageQueryOptions } from '../features/widgets/api/page';

/** A route the address opens, root first, and its params. */
export type OpenedRoute = MakeRouteMatchUnion extends infer M
  ? M extends MakeRouteMatchUnion
    ? Pick<M, 'routeId' | 'params'>
    : never
  : never;

/**
 * Asks for what the opening page shows as soon as the session allows it, rather than each request
 * waiting for React to render the component that makes it (the shell's lists, a query page's query,
 * its form's choices once the query is here). The page's code is loaded meanwhile (openingRoutes).
 * The components read the same cache entries, so nothing is fetched twice. Behind a password
 * nothing is asked for until the person logs in, so the console shows no refused requests; each
 * request is tried once, and a component that needs one fetches it again, as it does after any
 * failure.
 */
export function prefetchRoute(client: QueryClient, routes: readonly OpenedRoute[]): Promise<void> {
  return client
    .fetchQuery(sessionQueryOptions())
    .then((session) => {
      if (session.passwordRequired && !session.authenticated) return;
      for (const route of routes) prefetchData(client, route);
    })
    .catch(() => undefined);
}

function prefetchData(client: QueryClient, route: OpenedRoute): void {
  const once = { retry: false } as const;
  switch (route.routeId) {
    case rootRouteId:
      // The shell: the explorer's lists and the page the runtime evaluates.
      void client.prefetchQuery({ ...datasourcesQueryOptions(), ...once });
      void client.prefetchQuery({ ...queriesQueryOptions(), ...once });
      void client.prefetchQuery({ ...pageQueryOptions(), ...once });
      return;
    case '/':
      void client.prefetchQuery({ ...emulatorInfoQueryOptions(), ...once });
      return;
    case '/datasources/$datasourceId':
      void client.prefetchQuery({
        ...datasourceQueryOptions(route.params.datasourceId),
        ...once,
      });
      return;
    case '/queries/$queryId':
      void client
        .fetchQuery({ ...savedQueryOptions(route.params.queryId), ...once })
        .then((query) =>
          client.prefetchQuery({ ...lookupsQueryOptions(query.datasourceId), ...once }),
        )
        .catch(() => undefined);
      return;
  }
}
