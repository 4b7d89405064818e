import { Alert, Snackbar } from '@mui/material';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { BUILTIN_HELPER_NAMES, evaluateTemplate } from '../../bindings';
import { WIDGET_TYPES_INFO } from '../../features/widgets/model';
import { COMMANDS } from '../../contract/commands/definitions';
import type { ExecuteResult, SavedQuery } from '../../contract/queries';
import { apiFetch, ApiError } from '../../lib/api-client';
import type { RunState } from '../../lib/run-state';
import { useQueries } from '../../features/queries/api/queries';
import { resolveParams, type TextResolver } from '../../features/queries/resolve-params';
import { usePage } from '../../features/widgets/api/page';
import { useConfirm } from './confirm';
import type { Widget } from '../../contract/page';
import { updatePageScope, type PageEvaluation, type PageScope, type QueryRuntime, type WidgetState } from './widget-scope';

// The live state of the app that bindings read: widget values, query results, and running a
// query by name from anywhere (a Button, page load), with the query's own confirmation setting.

export interface RunOutcome {
  ok: boolean;
  message?: string;
  /** The query's new state, before the next render puts it in scope. */
  run?: QueryRuntime;
}

export interface Runtime extends PageScope {
  widgetState: WidgetState;
  setWidgetState(name: string, patch: Record<string, unknown>): void;
  resetWidgets(names: readonly string[]): void;
  runQuery(name: string): Promise<RunOutcome>;
  /** Records a run made in the query editor, so {{Query.data}} reflects it. */
  recordRun(name: string, run: RunState): void;
  resolveText: TextResolver;
  /** Evaluates a text against the scope, with `overlay` names laid over it. */
  evaluate(text: string, overlay?: Record<string, unknown>): ReturnType<typeof evaluateTemplate>;
  notify(message: string, severity?: 'success' | 'error' | 'info'): void;
  /** Names a binding can read and what each exposes, for autocomplete. */
  suggestions: Record<string, string[]>;
}

const RuntimeContext = createContext<Runtime | null>(null);

export function useRuntime(): Runtime {
  const runtime = useContext(RuntimeContext);
  if (!runtime) throw new Error('useRuntime outside RuntimeProvider');
  return runtime;
}

const QUERY_PROPS = ['data', 'isLoading', 'error', 'responseMeta'];

const NO_WIDGETS: Widget[] = [];

const EMPTY_RUN: QueryRuntime = { data: null, isLoading: false, error: null, responseMeta: null };

function fromExecute(result: ExecuteResult): QueryRuntime {
  return {
    data: result.ok ? (result.data ?? null) : null,
    isLoading: false,
    error: result.ok ? null : { message: result.error?.message ?? `Twilio answered ${result.status}`, code: result.error?.code ?? null },
    responseMeta: { status: result.status, durationMs: result.durationMs },
  };
}

export function RuntimeProvider({ children }: { children: ReactNode }) {
  const page = usePage();
  const queries = useQueries();
  const confirm = useConfirm();
  const [widgetState, setWidgetStateMap] = useState<WidgetState>({});
  const [runs, setRuns] = useState<Record<string, QueryRuntime>>({});
  const [toast, setToast] = useState<{ message: string; severity: 'success' | 'error' | 'info' } | null>(null);

  const queryScope = useMemo(() => {
    const out: Record<string, QueryRuntime> = {};
    for (const q of queries.data ?? []) out[q.name] = runs[q.name] ?? EMPTY_RUN;
    return out;
  }, [queries.data, runs]);

  // Each evaluation starts from the last one, so typing in an Input re-evaluates only what reads
  // it. Any previous evaluation gives the same result (a render React throws away costs nothing).
  const widgets = page.data?.widgets ?? NO_WIDGETS;
  const latest = useRef<PageEvaluation | null>(null);
  const evaluation = useMemo(() => updatePageScope(latest.current, widgets, widgetState, queryScope), [widgets, widgetState, queryScope]);
  latest.current = evaluation;

  const evaluate = useCallback(
    (text: string, overlay?: Record<string, unknown>) =>
      evaluateTemplate(text, overlay ? { ...latest.current!.scope, ...overlay } : latest.current!.scope),
    [],
  );
  const resolveText: TextResolver = useCallback((text: string) => {
    const result = evaluateTemplate(text, latest.current!.scope);
    const first = result.errors[0];
    return first ? { value: undefined, error: first.message, position: first.position, end: first.end } : { value: result.value };
  }, []);

  const setWidgetState = useCallback((name: string, patch: Record<string, unknown>) => {
    setWidgetStateMap((prev) => ({ ...prev, [name]: { ...prev[name], ...patch } }));
  }, []);
  const resetWidgets = useCallback((names: readonly string[]) => {
    setWidgetStateMap((prev) => {
      const next = { ...prev };
      for (const n of names) delete next[n];
      return next;
    });
  }, []);

  const queriesRef = useRef<SavedQuery[]>([]);
  queriesRef.current = queries.data ?? [];

  const runQuery = useCallback(
    async (name: string): Promise<RunOutcome> => {
      const query = queriesRef.current.find((q) => q.name === name);
      if (!query) return { ok: false, message: `No query named ${name}` };
      const resolved = resolveParams(COMMANDS[query.command].fields, query.params, resolveText);
      const fail = (message: string): RunOutcome => {
        setRuns((prev) => ({ ...prev, [name]: { ...(prev[name] ?? EMPTY_RUN), isLoading: false, error: { message } } }));
        return { ok: false, message };
      };
      if (resolved.errors.length > 0) return fail(`${name}: ${resolved.errors[0]!.field}: ${resolved.errors[0]!.message}`);
      if (query.settings.confirmBeforeRun && !(await confirm(`Run ${name}?`, `${COMMANDS[query.command].label} on its datasource.`))) {
        return { ok: false, message: 'Canceled' };
      }
      setRuns((prev) => ({ ...prev, [name]: { ...(prev[name] ?? EMPTY_RUN), isLoading: true } }));
      try {
        const result = await apiFetch<ExecuteResult>(`/api/datasources/${encodeURIComponent(query.datasourceId)}/execute`, {
          method: 'POST',
          body: JSON.stringify({ command: query.command, params: resolved.values, timeoutMs: query.settings.timeoutMs }),
        });
        const run = fromExecute(result);
        setRuns((prev) => ({ ...prev, [name]: run }));
        return result.ok ? { ok: true, run } : { ok: false, message: `${name}: ${run.error?.message}`, run };
      } catch (err) {
        const message = err instanceof ApiError ? `${name}: ${err.field ? `${err.field}: ` : ''}${err.message}` : `${name} failed`;
        return fail(message);
      }
    },
    [confirm, resolveText],
  );

  const recordRun = useCallback((name: string, run: RunState) => {
    setRuns((prev) => {
      const before = prev[name] ?? EMPTY_RUN;
      if (run.status === 'running') return { ...prev, [name]: { ...before, isLoading: true } };
      if (run.status === 'done') return { ...prev, [name]: fromExecute(run.result) };
      if (run.status === 'failed') return { ...prev, [name]: { ...before, isLoading: false, error: { message: run.error.message, code: run.error.code } } };
      return prev;
    });
  }, []);

  const suggestions = useMemo(() => {
    const out: Record<string, string[]> = {};
    for (const w of page.data?.widgets ?? []) out[w.name] = WIDGET_TYPES_INFO[w.type].exposes;
    for (const q of queries.data ?? []) out[q.name] = QUERY_PROPS;
    for (const h of BUILTIN_HELPER_NAMES) out[`${h}(`] ??= [];
    return out;
  }, [page.data?.widgets, queries.data]);

  const notify = useCallback((message: string, severity: 'success' | 'error' | 'info' = 'info') => setToast({ message, severity }), []);

  const value: Runtime = {
    scope: evaluation.scope,
    values: evaluation.values,
    errors: evaluation.errors,
    cycles: evaluation.cycles,
    widgetState,
    setWidgetState,
    resetWidgets,
    runQuery,
    recordRun,
    resolveText,
    evaluate,
    notify,
    suggestions,
  };

  return (
    <RuntimeContext.Provider value={value}>
      {children}
      <Snackbar open={toast !== null} autoHideDuration={6000} onClose={() => setToast(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
        {toast ? (
          <Alert severity={toast.severity} onClose={() => setToast(null)} variant="filled" role={toast.severity === 'error' ? 'alert' : 'status'}>
            {toast.message}
          </Alert>
        ) : undefined}
      </Snackbar>
    </RuntimeContext.Provider>
  );
}
