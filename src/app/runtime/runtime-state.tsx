import { Alert, Snackbar } from '@mui/material';
import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { COMMAND_LABELS } from '../../contract/commands/labels';
import type { Widget } from '../../contract/page';
import type { ExecuteResult, SavedQuery } from '../../contract/queries';
import { useConfirm } from '../../components/confirm';
import { ApiError } from '../../lib/api-client';
import type { RunState } from '../../lib/run-state';
import { useRunSavedQuery } from '../../features/queries/api/run-query';
import { useQueries } from '../../features/queries/api/queries';
import { usePage } from '../../features/widgets/api/page';
import type { PageEvaluation, QueryRuntime, WidgetState } from './widget-scope';
import type { updatePageScope } from './widget-scope';

// The runtime's state, held at the root so that it outlasts navigation: what people did with the
// widgets, the queries' latest runs, and running a query by name from anywhere (a Button, page
// load) with the query's own confirmation setting. Evaluating bindings over it is the binding
// engine's work, which the first screen does not need: useRuntime (runtime-provider.tsx) brings
// the engine with the pages that read it, and running a query loads it if it is not here yet.

export interface RunOutcome {
  ok: boolean;
  message?: string;
  /** The query's new state, before the next render puts it in scope. */
  run?: QueryRuntime;
}

/** The part of the engine the state needs to evaluate the page. */
export interface ScopeEngine {
  updatePageScope: typeof updatePageScope;
}

export interface RuntimeState {
  widgets: readonly Widget[];
  queries: readonly SavedQuery[];
  /** The page's evaluation for this render, shared by every reader and started from the previous one. */
  evaluation(engine: ScopeEngine): PageEvaluation;
  /** The evaluation of the latest render, for handlers that run between renders. */
  latestEvaluation(engine: ScopeEngine): PageEvaluation;
  widgetState: WidgetState;
  setWidgetState(name: string, patch: Record<string, unknown>): void;
  resetWidgets(names: readonly string[]): void;
  runQuery(name: string): Promise<RunOutcome>;
  /** Records a run made in the query editor, so {{Query.data}} reflects it. */
  recordRun(name: string, run: RunState): void;
  notify(message: string, severity?: 'success' | 'error' | 'info'): void;
}

interface Inputs {
  widgets: readonly Widget[];
  widgetState: WidgetState;
  queryScope: Record<string, QueryRuntime>;
}

const RuntimeStateContext = createContext<RuntimeState | null>(null);

export function useRuntimeState(): RuntimeState {
  const state = useContext(RuntimeStateContext);
  if (!state) throw new Error('useRuntime outside RuntimeProvider');
  return state;
}

const NO_WIDGETS: Widget[] = [];
const NO_QUERIES: SavedQuery[] = [];

const EMPTY_RUN: QueryRuntime = { data: null, isLoading: false, error: null, responseMeta: null };

function fromExecute(result: ExecuteResult): QueryRuntime {
  return {
    data: result.ok ? (result.data ?? null) : null,
    isLoading: false,
    error: result.ok
      ? null
      : {
          message: result.error?.message ?? `Twilio answered ${result.status}`,
          code: result.error?.code ?? null,
        },
    responseMeta: { status: result.status, durationMs: result.durationMs },
  };
}

export function RuntimeProvider({ children }: { children: ReactNode }) {
  const page = usePage();
  const queries = useQueries();
  const confirm = useConfirm();
  // Several queries may run at once: each run awaits its own mutateAsync, not the hook's status.
  // Saved queries run through POST /api/queries/:id/run, which checks that only what is bound to
  // widgets changed; a refusal (403 forbidden, field_not_bound) is the run's error like any other.
  const { mutateAsync: runSaved } = useRunSavedQuery();
  const [widgetState, setWidgetStateMap] = useState<WidgetState>({});
  const [runs, setRuns] = useState<Record<string, QueryRuntime>>({});
  const [toast, setToast] = useState<{
    message: string;
    severity: 'success' | 'error' | 'info';
  } | null>(null);

  const queryScope = useMemo(() => {
    const out: Record<string, QueryRuntime> = {};
    for (const q of queries.data ?? []) out[q.name] = runs[q.name] ?? EMPTY_RUN;
    return out;
  }, [queries.data, runs]);

  const widgets = page.data?.widgets ?? NO_WIDGETS;
  const inputs = useMemo<Inputs>(
    () => ({ widgets, widgetState, queryScope }),
    [widgets, widgetState, queryScope],
  );
  const latestInputs = useRef(inputs);
  latestInputs.current = inputs;

  // Each evaluation starts from the last one, so typing in an Input re-evaluates only what reads
  // it. Any previous evaluation gives the same result (a render React throws away costs nothing).
  const latest = useRef<{ inputs: Inputs; evaluation: PageEvaluation } | null>(null);
  const evaluationOf = useCallback((engine: ScopeEngine, next: Inputs) => {
    if (latest.current?.inputs === next) return latest.current.evaluation;
    const evaluation = engine.updatePageScope(
      latest.current?.evaluation ?? null,
      next.widgets,
      next.widgetState,
      next.queryScope,
    );
    latest.current = { inputs: next, evaluation };
    return evaluation;
  }, []);
  const latestEvaluation = useCallback(
    (engine: ScopeEngine) => evaluationOf(engine, latestInputs.current),
    [evaluationOf],
  );

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
      const engine = await import('./runtime-engine');
      const resolved = engine.resolveQuery(
        query,
        engine.resolveTextIn(latestEvaluation(engine).scope),
      );
      const fail = (message: string, code?: string): RunOutcome => {
        setRuns((prev) => ({
          ...prev,
          [name]: {
            ...(prev[name] ?? EMPTY_RUN),
            isLoading: false,
            error: code ? { message, code } : { message },
          },
        }));
        return { ok: false, message };
      };
      if (resolved.errors.length > 0)
        return fail(`${name}: ${resolved.errors[0]!.field}: ${resolved.errors[0]!.message}`);
      if (
        query.settings.confirmBeforeRun &&
        !(await confirm({
          title: `Run ${name}?`,
          detail: `${COMMAND_LABELS[query.command]} on its datasource.`,
          confirmLabel: 'Run',
        }))
      ) {
        return { ok: false, message: 'Canceled' };
      }
      setRuns((prev) => ({ ...prev, [name]: { ...(prev[name] ?? EMPTY_RUN), isLoading: true } }));
      try {
        const result = await runSaved({ queryId: query.id, params: resolved.values });
        const run = fromExecute(result);
        setRuns((prev) => ({ ...prev, [name]: run }));
        return result.ok
          ? { ok: true, run }
          : { ok: false, message: `${name}: ${run.error?.message}`, run };
      } catch (err) {
        if (!(err instanceof ApiError)) return fail(`${name} failed`);
        // {{Query.error.code}} tells a refusal (forbidden, field_not_bound) from a bad value.
        return fail(`${name}: ${err.field ? `${err.field}: ` : ''}${err.message}`, err.code);
      }
    },
    [confirm, runSaved, latestEvaluation],
  );

  const recordRun = useCallback((name: string, run: RunState) => {
    setRuns((prev) => {
      const before = prev[name] ?? EMPTY_RUN;
      if (run.status === 'running') return { ...prev, [name]: { ...before, isLoading: true } };
      if (run.status === 'done') return { ...prev, [name]: fromExecute(run.result) };
      if (run.status === 'failed')
        return {
          ...prev,
          [name]: {
            ...before,
            isLoading: false,
            error: { message: run.error.message, code: run.error.code },
          },
        };
      return prev;
    });
  }, []);

  const notify = useCallback(
    (message: string, severity: 'success' | 'error' | 'info' = 'info') =>
      setToast({ message, severity }),
    [],
  );

  const value = useMemo<RuntimeState>(
    () => ({
      widgets,
      queries: queries.data ?? NO_QUERIES,
      evaluation: (engine) => evaluationOf(engine, inputs),
      latestEvaluation,
      widgetState,
      setWidgetState,
      resetWidgets,
      runQuery,
      recordRun,
      notify,
    }),
    [
      widgets,
      queries.data,
      evaluationOf,
      inputs,
      latestEvaluation,
      widgetState,
      setWidgetState,
      resetWidgets,
      runQuery,
      recordRun,
      notify,
    ],
  );

  return (
    <RuntimeStateContext.Provider value={value}>
      {children}
      <Snackbar
        open={toast !== null}
        autoHideDuration={6000}
        onClose={() => setToast(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        {toast ? (
          <Alert
            severity={toast.severity}
            onClose={() => setToast(null)}
            variant="filled"
            role={toast.severity === 'error' ? 'alert' : 'status'}
          >
            {toast.message}
          </Alert>
        ) : undefined}
      </Snackbar>
    </RuntimeStateContext.Provider>
  );
}
