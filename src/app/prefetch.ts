import type { QueryClient } from '@tanstack/react-query';
import {
  datasourceQueryOptions,
  datasourcesQueryOptions,
  lookupsQueryOptions,
} from '../features/datasources/api/datasources';
import { emulatorInfoQueryOptions } from '../features/emulator/api/get-emulator-info';
import { queriesQueryOptions, savedQueryOptions } from '../features/queries/api/queries';
import { sessionQueryOptions } from '../features/session/api';
import { pageQueryOptions } from '../features/widgets/api/page';
import type { Route } from './router';

/**
 * Asks for what the opening page shows as soon as the session allows it, rather than each request
 * waiting for React to render the component that makes it (the shell's lists, a query page's query,
 * its form's choices once the query is here). The page's code is loaded meanwhile (preloadPage). The
 * components read the same cache entries, so nothing is fetched twice. Behind a password nothing is
 * asked for until the person logs in, so the console shows no refused requests; each request is
 * tried once, and a component that needs one fetches it again, as it does after any failure.
 */
export function prefetchRoute(client: QueryClient, route: Route): Promise<void> {
  return client
    .fetchQuery(sessionQueryOptions())
    .then((session) => {
      if (session.passwordRequired && !session.authenticated) return;
      prefetchData(client, route);
    })
    .catch(() => undefined);
}

function prefetchData(client: QueryClient, route: Route): void {
  const once = { retry: false } as const;
  // The shell: the explorer's lists and the page the runtime evaluates.
  void client.prefetchQuery({ ...datasourcesQueryOptions(), ...once });
  void client.prefetchQuery({ ...queriesQueryOptions(), ...once });
  void client.prefetchQuery({ ...pageQueryOptions(), ...once });
  if (route.page === 'home') void client.prefetchQuery({ ...emulatorInfoQueryOptions(), ...once });
  if (route.page === 'datasource')
    void client.prefetchQuery({ ...datasourceQueryOptions(route.id), ...once });
  if (route.page === 'query') {
    void client
      .fetchQuery({ ...savedQueryOptions(route.id), ...once })
      .then((query) =>
        client.prefetchQuery({ ...lookupsQueryOptions(query.datasourceId), ...once }),
      )
      .catch(() => undefined);
  }
}
