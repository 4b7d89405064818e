import { Alert, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Widget } from '../../contract/page';
import type { SavedQuery } from '../../contract/queries';
import { apiFetch } from '../../lib/api-client';
import { queryKeys, useQueries } from '../../features/queries/api/queries';
import { useDebouncedSave } from '../../features/queries/hooks/use-debounced-save';
import { usePage, useSavePage } from '../../features/widgets/api/page';
import { PageEditor } from '../../features/widgets/components/page-editor';
import { renameInTemplate } from '../../features/widgets/rename';
import { useTitle } from '../use-title';
import { AppButtonLink } from '../links';
import { usePageHost } from '../page-host';

/** The widget page: the editor composed with the runtime (page-host.tsx). */
export function PagePage() {
  useTitle('Page');
  const page = usePage();
  if (page.isPending) return <Typography>Loading…</Typography>;
  if (page.isError) return <Alert severity="error">{page.error.message}</Alert>;
  return <LoadedPage initial={page.data.widgets} />;
}

function LoadedPage({ initial }: { initial: Widget[] }) {
  const { host, runtime, queryNames } = usePageHost();
  const queries = useQueries();
  const client = useQueryClient();
  const save = useSavePage();
  const [widgets, setWidgets] = useState<Widget[]>(initial);
  const [mode, setMode] = useState<'edit' | 'view'>(initial.length === 0 ? 'edit' : 'view');
  useDebouncedSave({ widgets }, (doc) => save.mutate(doc), 400);

  // The runtime evaluates what is saved; keep it in step with what is on screen.
  useEffect(() => {
    client.setQueryData(['page', 'main'], (old: { updatedAt: string | null } | undefined) => ({
      updatedAt: old?.updatedAt ?? null,
      widgets,
    }));
  }, [client, widgets]);

  const renameInQueries = (from: string, to: string) => {
    for (const q of queries.data ?? []) {
      const params = Object.fromEntries(
        Object.entries(q.params).map(([k, v]) => [
          k,
          typeof v === 'string' ? renameInTemplate(v, from, to) : v,
        ]),
      );
      if (JSON.stringify(params) === JSON.stringify(q.params)) continue;
      void apiFetch<SavedQuery>(`/api/queries/${encodeURIComponent(q.id)}`, {
        method: 'PATCH',
        body: JSON.stringify({ params }),
      }).then(() => client.invalidateQueries({ queryKey: queryKeys.all }));
    }
  };

  return (
    <PageEditor
      widgets={widgets}
      onChange={setWidgets}
      mode={mode}
      onModeChange={setMode}
      queryNames={queryNames}
      suggestions={runtime.suggestions}
      evaluate={runtime.evaluate}
      onRenameOutside={renameInQueries}
      cycles={runtime.cycles.map((c) => c.path.join(' -> '))}
      actions={
        <AppButtonLink to="/app" variant="outlined">
          Open app
        </AppButtonLink>
      }
      host={host}
    />
  );
}
