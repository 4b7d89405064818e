// Binding engine throughput on a realistic page: 50 widgets and 20 queries.
// Run with `npx tsx tests/bench/bindings.bench.ts`. Prints figures; it does not pass or fail.
import { buildDependencyGraph, evaluateGraph, reevaluateGraph, type Entity } from '../../src/bindings';

const WIDGETS = 50;
const QUERIES = 20;
const DURATION_MS = Number(process.env.BENCH_MS ?? 1_500);

function buildPage(): Entity[] {
  const entities: Entity[] = [];
  for (let i = 1; i <= WIDGETS; i++) {
    const kind = i % 5;
    if (kind === 0) entities.push({ name: `Input${i}`, properties: { defaultText: i > 5 ? `{{ Input${i - 5}.text.trim() }}` : 'hello', label: `Field ${i}` } });
    else if (kind === 1) entities.push({ name: `Text${i}`, properties: { text: `Hello {{ Input5.text.toUpperCase() }}, you have {{ len(Query1.data.messages) }} messages` } });
    else if (kind === 2) entities.push({ name: `Table${i}`, properties: { tableData: `{{ Query${(i % QUERIES) + 1}.data.messages }}`, pageSize: '{{ 20 }}' } });
    else if (kind === 3) entities.push({ name: `Select${i}`, properties: { options: '{{ [{label: "Sent", value: "sent"}, {label: "Failed", value: "failed"}] }}' } });
    else entities.push({ name: `Date${i}`, properties: { defaultDate: '{{ minutesFromNow(30) }}', label: '{{ `Due ${today()}` }}' } });
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
  for (let i = 5; i <= WIDGETS; i += 5) scope[`Input${i}`] = { text: ` user ${i} typed ${tick} `, isValid: true };
  for (let q = 1; q <= QUERIES; q++) {
    scope[`Query${q}`] = { data: { messages: Array.from({ length: 20 }, (_, m) => ({ sid: `SM${q}${m}`, body: 'hi', status: 'sent' })) }, isLoading: false };
  }
  for (let i = 2; i <= WIDGETS; i += 5) scope[`Table${i}`] = { selectedRow: { sid: `SM${i}` }, selectedRowIndex: 0 };
  return scope;
}

function measure(label: string, unit: string, run: () => number): void {
  let operations = 0;
  let rounds = 0;
  const started = performance.now();
  while (performance.now() - started < DURATION_MS) {
    operations += run();
    rounds += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  const perSecond = (n: number) => Math.round(n / seconds).toLocaleString('en-US');
  console.log(`${label.padEnd(40)} ${perSecond(rounds).padStart(8)} rounds/s ${perSecond(operations).padStart(10)} ${unit}/s`);
}

const page = buildPage();
const now = () => Date.UTC(2030, 0, 2, 3, 4, 5);
const graph = buildDependencyGraph(page);
console.log(`page: ${page.length} entities, ${graph.nodes.size} templated properties, ${graph.cycles.length} cycles`);

let state = evaluateGraph(graph, baseScope(0), { now });
const errors = [...state.errors.entries()];
if (errors.length > 0) console.log('unexpected errors:', errors.slice(0, 3));

measure('build graph (parse cache warm)', 'properties', () => {
  buildDependencyGraph(page);
  return graph.nodes.size;
});
measure('evaluate whole page', 'evaluations', () => {
  evaluateGraph(graph, baseScope(1), { now });
  return graph.nodes.size;
});
let tick = 0;
measure('re-evaluate after typing in Input5', 'evaluations', () => {
  tick += 1;
  const next = reevaluateGraph(graph, state, 'Input5.text', baseScope(tick), { now });
  state = next;
  return next.evaluated.length;
});
measure('re-evaluate after Query3 returned', 'evaluations', () => {
  const next = reevaluateGraph(graph, state, 'Query3', baseScope(tick), { now });
  return next.evaluated.length;
});
