import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { bindingPath } from '../bindings';
import type { Widget } from '../contract/page';
import type { SavedQuery } from '../contract/queries';
import { runPermission } from '../contract/roles';
import { DEFAULT_PAGE_SIZE } from '../contract/twilio-limits';
import { datasourcesQueryOptions } from '../features/datasources/api/datasources';
import type { ListPage } from '../features/message-log/model';
import { useQueries } from '../features/queries/api/queries';
import { useCan } from '../features/session/api';
import type { WidgetHost } from '../features/widgets/components/widget-grid';
import { LazyMessageLog } from './lazy-message-log';
import { createLogSource } from './message-log-source';
import { useRuntime, type Runtime } from './runtime/runtime-provider';

// What the widgets on the page are connected to, in the page editor and in the published app
// alike: the runtime's values, Buttons running queries (and what follows on success), queries run
// when the page opens, and a table bound to a List Message query shown as the message log. What
// the signed-in person's role cannot do is not offered: a Button whose query they may not run is
// disabled, and the message log (whose paging and actions run commands on the datasource) is for
// those who may do so.

export interface PageHost {
  host: WidgetHost;
  runtime: Runtime;
  queryNames: string[];
}

export function usePageHost(): PageHost {
  const runtime = useRuntime();
  const queries = useQueries();
  const allowed = useCan();
  const logs = allowed('datasources:execute');
  const datasources = useQuery({ ...datasourcesQueryOptions(), enabled: logs });
  const [busy, setBusy] = useState<Set<string>>(new Set());
  const mayRun = (q: SavedQuery) => allowed(runPermission(q.command));
  const byName = (name: string | undefined) => queries.data?.find((q) => q.name === name);

  // "Run query on page load": once each time the page opens, what this person may run.
  const ranOnLoad = useRef(false);
  const mayRunRef = useRef(mayRun);
  mayRunRef.current = mayRun;
  useEffect(() => {
    if (ranOnLoad.current || !queries.data) return;
    ranOnLoad.current = true;
    for (const q of queries.data)
      if (q.settings.runOnPageLoad && mayRunRef.current(q)) void runtime.runQuery(q.name);
  }, [queries.data, runtime]);

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

  const host: WidgetHost = {
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
    disabled: (w) => {
      const q = w.type === 'button' ? byName(w.action?.runQuery) : undefined;
      return q && !mayRun(q) ? `Your role may not run ${q.name}.` : undefined;
    },
    renderTable: (w) => {
      if (!logs) return null;
      // A table bound to exactly {{Query.data.messages}} of a List Message query is a message log.
      const path = bindingPath(String(w.props.tableData ?? ''));
      const q =
        path?.length === 3 && path[1] === 'data' && path[2] === 'messages'
          ? queries.data?.find((x) => x.name === path[0] && x.command === 'list-messages')
          : undefined;
      const ds = q ? datasources.data?.find((d) => d.id === q.datasourceId) : undefined;
      const data = q ? (runtime.scope[q.name] as { data?: unknown } | undefined)?.data : undefined;
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
  };

  return { host, runtime, queryNames: (queries.data ?? []).map((q) => q.name) };
}
