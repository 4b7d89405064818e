import { BUILTIN_HELPER_NAMES, evaluateTemplate } from '../../bindings';
import { COMMANDS } from '../../contract/commands/definitions';
import type { Widget } from '../../contract/page';
import type { SavedQuery } from '../../contract/queries';
import { exposedNames } from '../../features/widgets/registry';
import {
  resolveParams,
  type ResolvedParams,
  type TextResolver,
} from '../../features/queries/resolve-params';
import { updatePageScope } from './widget-scope';

// What the runtime needs to evaluate bindings: the {{ }} engine (jsep and the interpreter), the
// page scope and the commands' fields. The first screen reads none of it: the pages that read the
// runtime (useRuntime) bring it with them, and running a query by name loads it if it is not here.

export { evaluateTemplate, updatePageScope };

const QUERY_PROPS = ['data', 'isLoading', 'error', 'responseMeta'];

/** A field's text evaluated against `scope`; the first error says where in the text it is. */
export function resolveTextIn(scope: Record<string, unknown>): TextResolver {
  return (text) => {
    const result = evaluateTemplate(text, scope);
    const first = result.errors[0];
    return first
      ? { value: undefined, error: first.message, position: first.position, end: first.end }
      : { value: result.value };
  };
}

/** A saved query's field texts resolved to the values its command takes. */
export function resolveQuery(query: SavedQuery, resolveText: TextResolver): ResolvedParams {
  return resolveParams(COMMANDS[query.command].fields, query.params, resolveText);
}

/** Names a binding can read and what each exposes, for autocomplete. */
export function namesInScope(
  widgets: readonly Widget[],
  queries: readonly SavedQuery[],
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const w of widgets) out[w.name] = exposedNames(w.type);
  for (const q of queries) out[q.name] = QUERY_PROPS;
  for (const h of BUILTIN_HELPER_NAMES) out[`${h}(`] ??= [];
  return out;
}
