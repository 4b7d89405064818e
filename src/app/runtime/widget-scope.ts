import { buildDependencyGraph, evaluateGraph, buildScope, type BindingError, type Cycle } from '../../bindings';
import type { Widget } from '../../contract/page';
import { templateProps, toOptions } from '../../features/widgets/model';

// From the page's widgets, what each person did with them (state) and the queries' results, to
// the scope bindings read. Widget texts are evaluated in dependency order by the binding engine;
// a loop between them is reported on the widgets involved, never evaluated.

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

const isoDate = (iso: unknown) => (typeof iso === 'string' && iso.length >= 10 ? iso.slice(0, 10) : '');

/** What bindings read of a widget, from its state and its evaluated texts. */
export function exposedProperties(widget: Widget, state: Record<string, unknown> | undefined, evaluated: (prop: string) => unknown) {
  const s = state ?? {};
  switch (widget.type) {
    case 'input': {
      const text = typeof s.text === 'string' ? s.text : String(evaluated('defaultText') ?? '');
      return { text, isValid: widget.props.required === true ? text.trim() !== '' : true };
    }
    case 'select': {
      const options = toOptions(evaluated('options'));
      const value = typeof s.selectedOptionValue === 'string' ? s.selectedOptionValue : String(evaluated('defaultValue') ?? '');
      const option = options.find((o) => o.value === value);
      return { selectedOptionValue: option ? option.value : value, selectedOptionLabel: option?.label ?? '', options };
    }
    case 'datepicker': {
      const raw = typeof s.selectedDate === 'string' ? s.selectedDate : String(evaluated('defaultDate') ?? '');
      const ms = raw ? Date.parse(raw.length === 10 ? `${raw}T00:00:00Z` : raw) : NaN;
      const selectedDate = Number.isNaN(ms) ? '' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
      return { selectedDate, formattedDate: isoDate(selectedDate) };
    }
    case 'checkbox':
      return { isChecked: typeof s.isChecked === 'boolean' ? s.isChecked : widget.props.defaultChecked === true };
    case 'text':
      return { text: evaluated('text') ?? '' };
    case 'button':
      return { text: evaluated('label') ?? '' };
    case 'table': {
      const data = evaluated('tableData');
      const tableData = Array.isArray(data) ? data : [];
      const index = typeof s.selectedRowIndex === 'number' ? s.selectedRowIndex : -1;
      return {
        tableData,
        selectedRowIndex: index,
        selectedRow: index >= 0 ? (tableData[index] ?? null) : null,
        pageNo: typeof s.pageNo === 'number' ? s.pageNo : 1,
        pageSize: typeof widget.props.pageSize === 'number' ? widget.props.pageSize : 10,
        searchText: typeof s.searchText === 'string' ? s.searchText : '',
      };
    }
  }
}

export function computePageScope(
  widgets: readonly Widget[],
  state: WidgetState,
  queries: Record<string, QueryRuntime>,
  options: { now?: () => number } = {},
): PageScope {
  const graph = buildDependencyGraph(widgets.map((w) => ({ name: w.name, properties: templateProps(w) })));
  // The first pass evaluates texts against raw state, the next ones against the properties
  // derived from it (an Input's text that starts as its evaluated default, a Select's label).
  // Defaults can read each other's results in a chain (Input3 starts as Input2's text, which
  // starts as Input1's), so passes go on until those settle: a bounded number of times, so that
  // defaults reading each other in a loop stop.
  const seeded = widgets.filter((w) => w.type === 'input' || w.type === 'select' || w.type === 'datepicker');
  const seededSignature = () => JSON.stringify(seeded.map((w) => exposedProperties(w, state[w.name], (prop) => values.get(`${w.name}.${prop}`))));
  const maxPasses = Math.min(2 + seeded.length, 10);
  let values: ReadonlyMap<string, unknown> = new Map();
  let result = evaluateGraph(graph, baseScope(), options);
  values = result.values;
  let signature = seededSignature();
  for (let pass = 1; pass < maxPasses; pass++) {
    result = evaluateGraph(graph, baseScope(), options);
    values = result.values;
    const next = seededSignature();
    if (next === signature) break;
    signature = next;
  }
  // A widget's evaluated texts, then what it exposes (so a Table's tableData is always an array).
  const scope = buildScope(graph, values, {});
  for (const [name, entry] of Object.entries(baseScope())) {
    const evaluatedTexts = scope[name] && typeof scope[name] === 'object' ? (scope[name] as object) : {};
    scope[name] = { ...evaluatedTexts, ...(entry as object) };
  }
  return { scope, values, errors: result.errors, cycles: graph.cycles };

  function baseScope(): Record<string, unknown> {
    const base: Record<string, unknown> = {};
    for (const [name, run] of Object.entries(queries)) base[name] = run;
    for (const w of widgets) base[w.name] = exposedProperties(w, state[w.name], (prop) => values.get(`${w.name}.${prop}`));
    return base;
  }
}
