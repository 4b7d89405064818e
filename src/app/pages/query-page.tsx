import { Alert, Typography } from '@mui/material';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useDatasources, useLookups } from '../../features/datasources/api/datasources';
import { useSavedQuery } from '../../features/queries/api/queries';
import { QueryEditor } from '../../features/queries/components/query-editor';
import { ResponsePanel } from '../../features/responses/components/response-panel';
import { useTitle } from '../use-title';
import { LazyMessageLog } from '../lazy-message-log';
import { createLogSource, filtersFromRequest } from '../message-log-source';
import type { ListPage } from '../../features/message-log/model';
import { useRuntime } from '../runtime/runtime-provider';

const route = getRouteApi('/queries/$queryId');

/** The page at /queries/$queryId. */
export function QueryRoute() {
  const { queryId } = route.useParams();
  return <QueryPage id={queryId} />;
}

export function QueryPage({ id }: { id: string }) {
  const query = useSavedQuery(id);
  const datasources = useDatasources();
  const lookups = useLookups(query.data?.datasourceId);
  const runtime = useRuntime();
  const navigate = useNavigate();
  useTitle(query.data?.name ?? 'Query');

  if (query.isPending || datasources.isPending) return <Typography>Loading…</Typography>;
  if (query.isError) return <Alert severity="error">{query.error.message}</Alert>;
  if (datasources.isError) return <Alert severity="error">{datasources.error.message}</Alert>;
  const q = query.data;
  return (
    <QueryEditor
      key={q.id}
      query={q}
      datasources={datasources.data}
      choices={lookups.data}
      onDeleted={() => void navigate({ to: '/', replace: true })}
      resolveText={runtime.resolveText}
      suggestions={runtime.suggestions}
      onRunChange={(run) => runtime.recordRun(q.name, run)}
      renderResponse={(run, focusField, command) => (
        <ResponsePanel
          command={command}
          run={run}
          onFieldClick={focusField}
          renderTable={(result) => {
            const ds = datasources.data.find((d) => d.id === q.datasourceId);
            if (!ds) return null;
            const accountSid =
              /\/Accounts\/(AC[0-9a-fA-F]{32})\//.exec(result.request.path)?.[1] ?? ds.accountSid;
            return (
              <LazyMessageLog
                key={run.status === 'done' ? run.startedAt : 0}
                source={createLogSource(ds, accountSid)}
                initial={result.data as ListPage}
                initialFilters={filtersFromRequest(result.request.params)}
                height={360}
              />
            );
          }}
        />
      )}
    />
  );
}
