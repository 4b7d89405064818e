import { useNavigate } from '@tanstack/react-router';
import type { Datasource } from '../contract/datasources';
import { useCreateQuery, useQueries } from '../features/queries/api/queries';
import { usePage } from '../features/widgets/api/page';

/**
 * Creates a query on a datasource with the next free name (Query1, Query2, ...) and opens it.
 * Widgets share the names bindings read, so a widget's name is taken too.
 */
export function useNewQuery() {
  const queries = useQueries();
  const page = usePage();
  const create = useCreateQuery();
  const navigate = useNavigate();
  return (ds: Datasource) => {
    const taken = new Set(
      [...(queries.data ?? []), ...(page.data?.widgets ?? [])].map((x) => x.name.toLowerCase()),
    );
    let n = 1;
    while (taken.has(`query${n}`)) n += 1;
    create.mutate(
      {
        name: `Query${n}`,
        datasourceId: ds.id,
        command: 'create-message',
        params: { accountSid: ds.accountSid },
      },
      { onSuccess: (q) => void navigate({ to: '/queries/$queryId', params: { queryId: q.id } }) },
    );
  };
}
