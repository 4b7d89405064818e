// Binding engine throughput on a realistic page: 50 widgets and 20 queries, as bare entities and
// through the page runtime (a whole page against one keystroke's re-evaluation).
// Run with `npx tsx tests/bench/bindings.bench.ts`, or as part of `npm run bench` (tests/bench/run.ts
// imports runBindingBench). Prints figures; it does not pass or fail.
import { fileURLToPath } from 'node:url';
import {
  computePageScope,
  updatePageScope,
  type QueryRuntime,
} from '../../src/app/runtime/widget-scope';
import {
  buildDependencyGraph,
  evaluateGraph,
  reevaluateGraph,
  type Entity,
} from '../../src/bindings';
import type { Widget } from '../../src/contract/page';
import { defaultProps } from '../../src/features/widgets/model';

const WIDGETS = 50;
const QUERIES = 20;
const DURATION_MS = Number(process.env.BENCH_MS ?? 1_500);

function buildPage(): Entity[] {
  const entities: Entity[] = [];
  for (let i = 1; i <= WIDGETS; i++) {
    const kind = i % 5;
    if (kind === 0)
      entities.push({
        name: `Input${i}`,
        properties: {
          defaultText: i > 5 ? `{{ Input${i - 5}.text.trim() }}` : 'hello',
          label: `Field ${i}`,
        },
      });
    else if (kind === 1)
      entities.push({
        name: `Text${i}`,
        properties: {
          text: `Hello {{ Input5.text.toUpperCase() }}, you have {{ len(Query1.data.messages) }} messages`,
        },
      });
    else if (kind === 2)
      entities.push({
        name: `Table${i}`,
        properties: {
          tableData: `{{ Query${(i % QUERIES) + 1}.data.messages }}`,
          pageSize: '{{ 20 }}',
        },
      });
    else if (kind === 3)
      entities.push({
        name: `Select${i}`,
        properties: {
          options: '{{ [{label: "Sent", value: "sent"}, {label: "Failed", value: "failed"}] }}',
        },
      });
    else
      entities.push({
        name: `Date${i}`,
        properties: { defaultDate: '{{ minutesFromNow(30) }}', label: '{{ `Due ${today()}` }}' },
      });
  }
  for (let q = 1; q <= QUERIES; q++) {
    entities.push({
      name: `Query${q}`,
      properties: {
        to: '{{ Input5.text }}',
        body: `Order {{ Table${q * 2 <= WIDGETS ? (q % 10) * 5 + 2 : 2}.selectedRow?.sid ?? "none" }} for {{ Input10.text }}`,
        pageSize: '{{ Table2.pageSize }}',
        sendAt: '{{ addMinutes(now(), 15 * q) }}',
        dateSentAfter: '{{ daysAgo(7) }}',
      },
    });
  }
  return entities;
}

function baseScope(tick: number): Record<string, unknown> {
  const scope: Record<string, unknown> = { q: 2 };
  for (let i = 5; i <= WIDGETS; i += 5)
    scope[`Input${i}`] = { text: ` user ${i} typed ${tick} `, isValid: true };
  for (let q = 1; q <= QUERIES; q++) {
    scope[`Query${q}`] = {
      data: {
        messages: Array.from({ length: 20 }, (_, m) => ({
          sid: `SM${q}${m}`,
          body: 'hi',
          status: 'sent',
        })),
      },
      isLoading: false,
    };
  }
  for (let i = 2; i <= WIDGETS; i += 5)
    scope[`Table${i}`] = { selectedRow: { sid: `SM${i}` }, selectedRowIndex: 0 };
  return scope;
}

/** The same kind of page as widgets the runtime evaluates: Inputs whose defaults chain, Texts, Tables, ... */
function buildWidgets(): { widgets: Widget[]; queries: Record<string, QueryRuntime> } {
  const widgets: Widget[] = [];
  const add = (type: Widget['type'], name: string, props: Widget['props']) =>
    widgets.push({
      id: name,
      type,
      name,
      width: 6,
      props: { ...defaultProps(type), ...props },
    });
  for (let i = 1; i <= WIDGETS; i++) {
    const kind = i % 5;
    if (kind === 0)
      add('input', `Input${i}`, {
        defaultText: i > 5 ? `{{ Input${i - 5}.text.trim() }}` : 'hello',
        label: `Field ${i}`,
      });
    else if (kind === 1)
      add('text', `Text${i}`, {
        text: `Hello {{ Input5.text.toUpperCase() }}, you have {{ len(Query1.data.messages) }} messages`,
      });
    else if (kind === 2)
      add('table', `Table${i}`, { tableData: `{{ Query${(i % QUERIES) + 1}.data.messages }}` });
    else if (kind === 3)
      add('select', `Select${i}`, {
        options: '{{ [{label: "Sent", value: "sent"}, {label: "Failed", value: "failed"}] }}',
      });
    else
      add('datepicker', `Date${i}`, {
        defaultDate: '{{ minutesFromNow(30) }}',
        label: '{{ `Due ${today()}` }}',
      });
  }
  const queries: Record<string, QueryRuntime> = {};
  for (let q = 1; q <= QUERIES; q++) {
    queries[`Query${q}`] = {
      data: {
        messages: Array.from({ length: 20 }, (_, m) => ({
          sid: `SM${q}${m}`,
          body: 'hi',
          status: 'sent',
        })),
      },
      isLoading: false,
      error: null,
      responseMeta: null,
    };
  }
  return { widgets, queries };
}

export interface BindingFigure {
  label: string;
  unit: string;
  roundsPerSecond: number;
  perSecond: number;
}

function measure(
  label: string,
  unit: string,
  durationMs: number,
  run: () => number,
): BindingFigure {
  let operations = 0;
  let rounds = 0;
  const started = performance.now();
  while (performance.now() - started < durationMs) {
    operations += run();
    rounds += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    label,
    unit,
    roundsPerSecond: Math.round(rounds / seconds),
    perSecond: Math.round(operations / seconds),
  };
}

/** Measures the binding engine on the 50-widget, 20-query page; each figure runs for durationMs. */
export function runBindingBench(durationMs = DURATION_MS): {
  entities: number;
  properties: number;
  cycles: number;
  errors: number;
  figures: BindingFigure[];
} {
  const page = buildPage();
  const now = () => Date.UTC(2030, 0, 2, 3, 4, 5);
  const graph = buildDependencyGraph(page);
  let state = evaluateGraph(graph, baseScope(0), { now });
  const figures: BindingFigure[] = [];
  figures.push(
    measure('build graph (parse cache warm)', 'properties', durationMs, () => {
      buildDependencyGraph(page);
      return graph.nodes.size;
    }),
  );
  figures.push(
    measure('evaluate whole page', 'evaluations', durationMs, () => {
      evaluateGraph(graph, baseScope(1), { now });
      return graph.nodes.size;
    }),
  );
  let tick = 0;
  figures.push(
    measure('re-evaluate after typing in Input5', 'evaluations', durationMs, () => {
      tick += 1;
      const next = reevaluateGraph(graph, state, 'Input5.text', baseScope(tick), { now });
      state = next;
      return next.evaluated.length;
    }),
  );
  figures.push(
    measure('re-evaluate after Query3 returned', 'evaluations', durationMs, () => {
      const next = reevaluateGraph(graph, state, 'Query3', baseScope(tick), { now });
      return next.evaluated.length;
    }),
  );
  // The page runtime: what a keystroke in View mode costs, against evaluating the whole page.
  const { widgets, queries } = buildWidgets();
  const options = { now };
  let runtime = computePageScope(widgets, {}, queries, options);
  figures.push(
    measure(
      'runtime, 50 widgets: whole page',
      'evaluations',
      durationMs,
      () =>
        computePageScope(widgets, { Input5: { text: `t${tick++}` } }, queries, options).evaluated
          .length,
    ),
  );
  figures.push(
    measure('runtime, 50 widgets: typing in Input5', 'evaluations', durationMs, () => {
      runtime = updatePageScope(
        runtime,
        widgets,
        { Input5: { text: `t${tick++}` } },
        queries,
        options,
      );
      return runtime.evaluated.length;
    }),
  );
  return {
    entities: page.length,
    properties: graph.nodes.size,
    cycles: graph.cycles.length,
    errors: state.errors.size,
    figures,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = runBindingBench();
  console.log(
    `page: ${result.entities} entities, ${result.properties} templated properties, ${result.cycles} cycles, ${result.errors} errors`,
  );
  for (const f of result.figures) {
    console.log(
      `${f.label.padEnd(40)} ${f.roundsPerSecond.toLocaleString('en-US').padStart(8)} rounds/s ${f.perSecond.toLocaleString('en-US').padStart(10)} ${f.unit}/s`,
    );
  }
}
