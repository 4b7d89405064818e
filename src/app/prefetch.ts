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
import { usersQueryOptions } from '../features/users/api/users';
import { pageQueryOptions } from '../features/widgets/api/page';
import type { SessionInfo } from '../contract/accounts';
import { can, type Permission, type Role } from '../contract/roles';

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
 * The components read the same cache entries, so nothing is fetched twice. Nothing is asked for
 * until someone is signed in, nor what their role may not read, so the console shows no refused
 * requests; each request is tried once, and a component that needs one fetches it again, as it
 * does after any failure.
 */
export function prefetchRoute(client: QueryClient, routes: readonly OpenedRoute[]): Promise<void> {
  return client
    .fetchQuery(sessionQueryOptions())
    .then((session: SessionInfo) => {
      const role = session.user?.role;
      if (!role) return;
      for (const route of routes) prefetchData(client, route, role, session.mode);
    })
    .catch(() => undefined);
}

function prefetchData(
  client: QueryClient,
  route: OpenedRoute,
  role: Role,
  mode: SessionInfo['mode'],
): void {
  const once = { retry: false } as const;
  const may = (permission: Permission) => can(role, permission);
  switch (route.routeId) {
    case rootRouteId:
      // The shell: the explorer's lists and the page the runtime evaluates.
      if (may('datasources:read'))
        void client.prefetchQuery({ ...datasourcesQueryOptions(), ...once });
      void client.prefetchQuery({ ...queriesQueryOptions(), ...once });
      void client.prefetchQuery({ ...pageQueryOptions(), ...once });
      return;
    case '/':
      if (may('datasources:read'))
        void client.prefetchQuery({ ...emulatorInfoQueryOptions(), ...once });
      return;
    case '/users':
      // Solo mode has no accounts to list.
      if (mode === 'accounts' && may('users:manage'))
        void client.prefetchQuery({ ...usersQueryOptions(), ...once });
      return;
    case '/datasources/$datasourceId':
      if (!may('datasources:read')) return;
      void client.prefetchQuery({
        ...datasourceQueryOptions(route.params.datasourceId),
        ...once,
      });
      return;
    case '/queries/$queryId':
      // The editor's page: for those who edit; others are sent to /app.
      if (!may('app:write')) return;
      void client
        .fetchQuery({ ...savedQueryOptions(route.params.queryId), ...once })
        .then((query) =>
          client.prefetchQuery({ ...lookupsQueryOptions(query.datasourceId), ...once }),
        )
        .catch(() => undefined);
      return;
  }
}
