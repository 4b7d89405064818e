import { Alert, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { EditConflictAlert } from '../../components/edit-conflict-alert';
import type { SavedPage, Widget } from '../../contract/page';
import type { QueryPatch } from '../../contract/queries';
import { useEditConflict } from '../../lib/edit-conflict';
import { patchQuery, queryKeys, useQueries } from '../../features/queries/api/queries';
import { useDebouncedSave } from '../../features/queries/hooks/use-debounced-save';
import { pageKeys, pageQueryOptions, usePage, useSavePage } from '../../features/widgets/api/page';
import { PageEditor } from '../../features/widgets/components/page-editor';
import { renameInTemplate } from '../../features/widgets/rename';
import { useTitle } from '../use-title';
import { AppButtonLink } from '../links';
import { usePageHost } from '../page-host';

/** The widget page: the editor composed with the runtime (page-host.tsx). */
export function PagePage() {
  useTitle('Page');
  const page = usePage();
  const client = useQueryClient();
  // Reload after an edit conflict opens the page afresh, in the mode it was in.
  const [opened, setOpened] = useState<{ generation: number; mode?: 'edit' | 'view' }>({
    generation: 0,
  });
  if (page.isPending) return <Typography>Loading…</Typography>;
  if (page.isError) return <Alert severity="error">{page.error.message}</Alert>;
  return (
    <LoadedPage
      key={opened.generation}
      initial={page.data}
      initialMode={opened.mode}
      onReload={async (mode) => {
        await client.fetchQuery({ ...pageQueryOptions(), staleTime: 0 });
        setOpened((o) => ({ generation: o.generation + 1, mode }));
      }}
    />
  );
}

interface LoadedPageProps {
  initial: SavedPage;
  initialMode: 'edit' | 'view' | undefined;
  onReload(mode: 'edit' | 'view'): Promise<void>;
}

function LoadedPage({ initial, initialMode, onReload }: LoadedPageProps) {
  const { host, runtime, queryNames } = usePageHost();
  const queries = useQueries();
  const client = useQueryClient();
  const edits = useEditConflict(initial.version);
  const save = useSavePage(edits);
  const [widgets, setWidgets] = useState<Widget[]>(initial.widgets);
  const [mode, setMode] = useState<'edit' | 'view'>(
    initialMode ?? (initial.widgets.length === 0 ? 'edit' : 'view'),
  );
  const autosave = useDebouncedSave({ widgets }, (doc) => save.mutate(doc), 400, !edits.conflict);

  // The runtime evaluates what is saved; keep it in step with what is on screen.
  useEffect(() => {
    client.setQueryData<SavedPage>(pageKeys.main, (old) => old && { ...old, widgets });
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
      // On the version listed: a query someone changed since is left for them, and said so.
      void patchQuery(q.id, { params: params as QueryPatch['params'] }, q.version)
        .catch((err: Error) =>
          runtime.notify(`${q.name} still reads ${from}: ${err.message}`, 'error'),
        )
        .finally(() => void client.invalidateQueries({ queryKey: queryKeys.all }));
    }
  };

  return (
    <PageEditor
      banner={
        edits.conflict && (
          <EditConflictAlert
            conflict={edits.conflict}
            what="page"
            onReload={() => onReload(mode)}
            onKeepMine={() => {
              edits.overwrite();
              autosave.saveNow();
            }}
            keeping={save.isPending}
            mine={() => ({ widgets })}
          />
        )
      }
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
