import { useCallback, useMemo } from 'react';
import type { TemplateResult } from '../../bindings';
import type { TextResolver } from '../../features/queries/resolve-params';
import { evaluateTemplate, resolveTextIn, namesInScope, updatePageScope } from './runtime-engine';
import { useRuntimeState, type RuntimeState } from './runtime-state';
import type { PageScope } from './widget-scope';

// The runtime as the pages read it: the root's state (runtime-state.tsx) evaluated by the binding
// engine. Importing this module brings the engine, so only the pages that read bindings import it;
// the app's root imports the provider from runtime-state.tsx.

export { RuntimeProvider, type RunOutcome } from './runtime-state';

export interface Runtime
  extends PageScope, Omit<RuntimeState, 'widgets' | 'queries' | 'evaluation' | 'latestEvaluation'> {
  resolveText: TextResolver;
  /** Evaluates a text against the scope, with `overlay` names laid over it. */
  evaluate(text: string, overlay?: Record<string, unknown>): TemplateResult;
  /** Names a binding can read and what each exposes, for autocomplete. */
  suggestions: Record<string, string[]>;
}

const engine = { updatePageScope };

export function useRuntime(): Runtime {
  const state = useRuntimeState();
  const { widgets, queries, latestEvaluation } = state;
  const evaluation = state.evaluation(engine);
  const suggestions = useMemo(() => namesInScope(widgets, queries), [widgets, queries]);
  const evaluate = useCallback(
    (text: string, overlay?: Record<string, unknown>) => {
      const scope = latestEvaluation(engine).scope;
      return evaluateTemplate(text, overlay ? { ...scope, ...overlay } : scope);
    },
    [latestEvaluation],
  );
  const resolveText: TextResolver = useCallback(
    (text, field) => resolveTextIn(latestEvaluation(engine).scope)(text, field),
    [latestEvaluation],
  );
  return useMemo(
    () => ({
      widgetState: state.widgetState,
      setWidgetState: state.setWidgetState,
      resetWidgets: state.resetWidgets,
      runQuery: state.runQuery,
      recordRun: state.recordRun,
      notify: state.notify,
      scope: evaluation.scope,
      values: evaluation.values,
      errors: evaluation.errors,
      cycles: evaluation.cycles,
      resolveText,
      evaluate,
      suggestions,
    }),
    [state, evaluation, resolveText, evaluate, suggestions],
  );
}
