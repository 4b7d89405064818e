import { Alert, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { bindingPath } from '../../bindings';
import { EditConflictAlert } from '../../components/edit-conflict-alert';
import type { SavedPage, Widget } from '../../contract/page';
import type { QueryPatch } from '../../contract/queries';
import { DEFAULT_PAGE_SIZE } from '../../contract/twilio-limits';
import { useEditConflict } from '../../lib/edit-conflict';
import { patchQuery, queryKeys, useQueries } from '../../features/queries/api/queries';
import { useDebouncedSave } from '../../features/queries/hooks/use-debounced-save';
import { pageKeys, pageQueryOptions, usePage, useSavePage } from '../../features/widgets/api/page';
import { PageEditor } from '../../features/widgets/components/page-editor';
import { renameInTemplate } from '../../features/widgets/rename';
import { useTitle } from '../use-title';
import { LazyMessageLog } from '../lazy-message-log';
import { createLogSource } from '../message-log-source';
import type { ListPage } from '../../features/message-log/model';
import { useDatasources } from '../../features/datasources/api/datasources';
import { useRuntime } from '../runtime/runtime-provider';

/** The widget page: the editor composed with the runtime (bindings, running queries). */
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
  const runtime = useRuntime();
  const queries = useQueries();
  const datasources = useDatasources();
  const client = useQueryClient();
  const edits = useEditConflict(initial.version);
  const save = useSavePage(edits);
  const [widgets, setWidgets] = useState<Widget[]>(initial.widgets);
  const [mode, setMode] = useState<'edit' | 'view'>(
    initialMode ?? (initial.widgets.length === 0 ? 'edit' : 'view'),
  );
  const [busy, setBusy] = useState<Set<string>>(new Set());
  const autosave = useDebouncedSave({ widgets }, (doc) => save.mutate(doc), 400, !edits.conflict);

  // The runtime evaluates what is saved; keep it in step with what is on screen.
  useEffect(() => {
    client.setQueryData<SavedPage>(pageKeys.main, (old) => old && { ...old, widgets });
  }, [client, widgets]);

  // "Run query on page load": once each time the page opens.
  const ranOnLoad = useRef(false);
  useEffect(() => {
    if (ranOnLoad.current || !queries.data) return;
    ranOnLoad.current = true;
    for (const q of queries.data) if (q.settings.runOnPageLoad) void runtime.runQuery(q.name);
  }, [queries.data, runtime]);

  const queryNames = (queries.data ?? []).map((q) => q.name);

  const click = async (widget: Widget) => {
    const action = widget.action;
    if (!action?.runQuery) return;
    setBusy((b) => new Set(b).add(widget.id));
    try {
      const outcome = await runtime.runQuery(action.runQuery);
      if (!outcome.ok) {
        if (outcome.message !== 'Canceled')
          runtime.notify(outcome.message ?? `${action.runQuery} failed`, 'error');
        return;
      }
      if (action.onSuccessReset.length > 0) runtime.resetWidgets(action.onSuccessReset);
      if (action.onSuccessMessage) {
        const message = runtime.evaluate(
          action.onSuccessMessage,
          outcome.run ? { [action.runQuery]: outcome.run } : undefined,
        );
        runtime.notify(
          typeof message.value === 'string' ? message.value : JSON.stringify(message.value),
          'success',
        );
      }
      if (action.onSuccessRunQuery) {
        const next = await runtime.runQuery(action.onSuccessRunQuery);
        if (!next.ok && next.message !== 'Canceled')
          runtime.notify(next.message ?? `${action.onSuccessRunQuery} failed`, 'error');
      }
    } finally {
      setBusy((b) => {
        const next = new Set(b);
        next.delete(widget.id);
        return next;
      });
    }
  };

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
      host={{
        exposed: (name) => (runtime.scope[name] as Record<string, unknown>) ?? {},
        text: (w, prop) => {
          const v = runtime.values.get(`${w.name}.${prop}`);
          return v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
        },
        errors: (w) =>
          Object.keys(w.props).flatMap((prop) =>
            (runtime.errors.get(`${w.name}.${prop}`) ?? []).map((e) => `${prop}: ${e.message}`),
          ),
        setState: runtime.setWidgetState,
        click: (w) => void click(w),
        busy: (w) => busy.has(w.id),
        renderTable: (w) => {
          // A table bound to exactly {{Query.data.messages}} of a List Message query is a message log.
          const path = bindingPath(String(w.props.tableData ?? ''));
          const q =
            path?.length === 3 && path[1] === 'data' && path[2] === 'messages'
              ? queries.data?.find((x) => x.name === path[0] && x.command === 'list-messages')
              : undefined;
          const ds = q ? datasources.data?.find((d) => d.id === q.datasourceId) : undefined;
          const data = q
            ? (runtime.scope[q.name] as { data?: unknown } | undefined)?.data
            : undefined;
          if (!q || !ds || !data || typeof data !== 'object') return null;
          return (
            <LazyMessageLog
              key={
                String((data as { uri?: string }).uri ?? '') +
                String(
                  (runtime.scope[q.name] as { responseMeta?: { durationMs?: number } }).responseMeta
                    ?.durationMs,
                )
              }
              source={createLogSource(
                ds,
                typeof q.params.accountSid === 'string' &&
                  /^AC[0-9a-fA-F]{32}$/.test(q.params.accountSid)
                  ? q.params.accountSid
                  : ds.accountSid,
              )}
              initial={data as ListPage}
              initialFilters={{ pageSize: Number(q.params.pageSize) || DEFAULT_PAGE_SIZE }}
              height={420}
            />
          );
        },
      }}
    />
  );
}
