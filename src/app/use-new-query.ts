import type { Datasource } from '../contract/datasources';
import { useCreateQuery, useQueries } from '../features/queries/api/queries';
import { navigate, paths } from './router';

/** Creates a query on a datasource with the next free name (Query1, Query2, ...) and opens it. */
export function useNewQuery() {
  const queries = useQueries();
  const create = useCreateQuery();
  return (ds: Datasource) => {
    const taken = new Set((queries.data ?? []).map((q) => q.name.toLowerCase()));
    let n = 1;
    while (taken.has(`query${n}`)) n += 1;
    create.mutate(
      { name: `Query${n}`, datasourceId: ds.id, command: 'create-message', params: { accountSid: ds.accountSid } },
      { onSuccess: (q) => navigate(paths.query(q.id)) },
    );
  };
}
