import {
  affectedNodes,
  buildDependencyGraph,
  createPageBudget,
  evaluateNode,
  type BindingError,
  type Cycle,
  type DependencyGraph,
  type EvaluationOptions,
} from '../../bindings';
import type { Widget } from '../../contract/page';
import { templateProps } from '../../features/widgets/model';
import { widgetDefinition } from '../../features/widgets/registry';

// From the page's widgets, what each person did with them (state) and the queries' results, to
// the scope bindings read. One dependency graph holds both the widgets' texts (Input1.defaultText)
// and what the widgets expose (Input1.text, which starts as that default), so a chain of defaults
// is evaluated in one ordered pass and a loop through them is reported, never evaluated. The graph
// is kept while the widgets' definitions stay the same; a change of state or of a query's run
// re-evaluates only what reads it, reusing every other value.

export type WidgetState = Record<string, Record<string, unknown>>;

export interface QueryRuntime {
  data: unknown;
  isLoading: boolean;
  error: { message: string; code?: string | number | null } | null;
  responseMeta: { status: number; durationMs: number } | null;
}

export interface PageScope {
  scope: Record<string, unknown>;
  /** Evaluated widget texts by `Widget.prop`. */
  values: ReadonlyMap<string, unknown>;
  errors: ReadonlyMap<string, readonly BindingError[]>;
  cycles: readonly Cycle[];
}

/**
 * What each exposed property reads of its own widget's texts (the registry says); besides those,
 * only the widget's state. A property named like a text (Text.text, Table.tableData,
 * Select.options) is that text's node in the graph and reads nothing else, not even state.
 */
interface Exposure {
  widget: Widget;
  property: string;
  reads: readonly string[];
  /** Shares its node with the text of the same name. */
  fromText: boolean;
}

/** The page's widgets as a graph; rebuilt only when their definitions change. */
export interface PageGraph {
  widgets: readonly Widget[];
  /** Type, name and props of each widget: all that evaluation depends on. */
  definition: string;
  graph: DependencyGraph;
  /** Node ids of the widgets' texts, evaluated as templates. */
  texts: ReadonlySet<string>;
  exposed: ReadonlyMap<string, Exposure>;
  /** Widget name to the ids of its exposed properties that read its state. */
  stateNodes: ReadonlyMap<string, readonly string[]>;
}

/** One evaluation of the page, and what it was computed from, so the next one can start from it. */
export interface PageEvaluation extends PageScope {
  page: PageGraph;
  state: WidgetState;
  queries: Record<string, QueryRuntime>;
  options: EvaluationOptions;
  /** Node ids evaluated to get here, in order: all of them at first, then only what a change reached. */
  evaluated: readonly string[];
}

const definitionOf = (widgets: readonly Widget[]) =>
  JSON.stringify(widgets.map((w) => [w.type, w.name, w.props]));

export function buildPageGraph(widgets: readonly Widget[]): PageGraph {
  const texts = new Set<string>();
  const exposed = new Map<string, Exposure>();
  const stateNodes = new Map<string, string[]>();
  const entities: { name: string; properties: Record<string, string> }[] = [];
  for (const widget of widgets) {
    if (stateNodes.has(widget.name)) continue; // a repeated name: the first widget wins, as in the graph
    const properties = templateProps(widget);
    for (const prop of Object.keys(properties)) texts.add(`${widget.name}.${prop}`);
    const fromState: string[] = [];
    for (const [property, { reads }] of Object.entries(widgetDefinition(widget.type).exposed)) {
      const id = `${widget.name}.${property}`;
      const fromText = Object.hasOwn(properties, property);
      exposed.set(id, { widget, property, reads, fromText });
      if (fromText) continue;
      // Never evaluated as a template: it only tells the graph what this property reads.
      properties[property] =
        reads.length > 0 ? `{{ [${reads.map((r) => `${widget.name}.${r}`).join(', ')}] }}` : '';
      fromState.push(id);
    }
    stateNodes.set(widget.name, fromState);
    entities.push({ name: widget.name, properties });
  }
  return {
    widgets,
    definition: definitionOf(widgets),
    graph: buildDependencyGraph(entities),
    texts,
    exposed,
    stateNodes,
  };
}

const NO_OPTIONS: EvaluationOptions = {};

/** Evaluates the whole page. */
export function computePageScope(
  widgets: readonly Widget[],
  state: WidgetState,
  queries: Record<string, QueryRuntime>,
  options: EvaluationOptions = NO_OPTIONS,
): PageEvaluation {
  return updatePageScope(null, widgets, state, queries, options);
}

/**
 * The page's scope after a change, starting from the previous evaluation: only the properties that
 * read a widget whose state changed or a query whose run changed are evaluated again, and the
 * result equals a full evaluation. New widget definitions (or options) mean a full evaluation.
 */
export function updatePageScope(
  previous: PageEvaluation | null,
  widgets: readonly Widget[],
  state: WidgetState,
  queries: Record<string, QueryRuntime>,
  options: EvaluationOptions = NO_OPTIONS,
): PageEvaluation {
  const reuse =
    previous !== null &&
    previous.options === options &&
    (previous.page.widgets === widgets || previous.page.definition === definitionOf(widgets));
  const page = reuse ? previous.page : buildPageGraph(widgets);
  const { graph } = page;
  let scope: Record<string, unknown>;
  let values: Map<string, unknown>;
  let errors: Map<string, readonly BindingError[]>;
  let ids: readonly string[];
  const fresh = new Set<string>(); // widget objects this evaluation owns and may write into

  if (!reuse) {
    scope = {};
    for (const [name, run] of Object.entries(queries)) put(scope, name, run);
    for (const name of page.stateNodes.keys()) {
      put(scope, name, {});
      fresh.add(name);
    }
    values = new Map();
    errors = new Map();
    ids = graph.order;
  } else {
    const changed: string[] = [];
    for (const name of new Set([...Object.keys(previous.state), ...Object.keys(state)])) {
      if (page.stateNodes.has(name) && !shallowEqual(previous.state[name], state[name]))
        changed.push(...page.stateNodes.get(name)!);
    }
    const changedQueries = [
      ...new Set([...Object.keys(previous.queries), ...Object.keys(queries)]),
    ].filter((name) => !page.stateNodes.has(name) && previous.queries[name] !== queries[name]);
    if (changed.length === 0 && changedQueries.length === 0)
      return { ...previous, state, queries, evaluated: [] };
    scope = { ...previous.scope };
    for (const name of changedQueries) {
      if (Object.hasOwn(queries, name)) put(scope, name, queries[name]);
      else delete scope[name];
    }
    values = new Map(previous.values);
    errors = new Map(previous.errors);
    ids = affectedNodes(graph, [...changed, ...changedQueries]);
  }

  // Each evaluation, whole or after a change, is one page evaluation with its own work budget, so
  // a page whose bindings do too much gets errors on its fields instead of freezing the tab.
  const budgeted: EvaluationOptions = options.page
    ? options
    : { ...options, page: createPageBudget() };
  for (const id of ids) {
    const node = graph.nodes.get(id)!;
    let value: unknown;
    if (page.texts.has(id)) {
      value = evaluateNode(graph, id, scope, errors, budgeted);
      values.set(id, value);
    }
    const exposure = page.exposed.get(id);
    if (exposure) {
      // Only the texts it declares, so its value cannot depend on anything the graph does not know.
      const { widget, property, reads, fromText } = exposure;
      const own = (prop: string) =>
        reads.includes(prop) ? values.get(`${widget.name}.${prop}`) : undefined;
      const used = fromText ? {} : (state[widget.name] ?? {});
      value = widgetDefinition(widget.type).expose(widget, used, own)[property];
    }
    if (!fresh.has(node.entity)) {
      put(scope, node.entity, { ...(scope[node.entity] as object) });
      fresh.add(node.entity);
    }
    put(scope[node.entity] as object, node.property, value);
  }
  return {
    scope,
    values,
    errors,
    cycles: graph.cycles,
    page,
    state,
    queries,
    options,
    evaluated: ids,
  };
}

/** Defines rather than assigns, so a name such as `__proto__` stays an ordinary key. */
function put(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function shallowEqual(
  a: Record<string, unknown> | undefined,
  b: Record<string, unknown> | undefined,
): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.hasOwn(b, key) && Object.is(a[key], b[key]))
  );
}
