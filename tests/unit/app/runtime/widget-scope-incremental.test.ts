import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computePageScope,
  updatePageScope,
  type PageEvaluation,
  type QueryRuntime,
  type WidgetState,
} from '../../../../src/app/runtime/widget-scope';
import type { EvaluationOptions } from '../../../../src/bindings';
import type { Widget, WidgetType } from '../../../../src/contract/page';
import { defaultProps } from '../../../../src/features/widgets/model';

// The page runtime re-evaluates only what a change reaches, and ends where a full evaluation would.

let seq = 0;
function widget(type: WidgetType, name: string, props: Widget['props'] = {}): Widget {
  seq += 1;
  return {
    id: `w${seq}`,
    type,
    name,
    width: 6,
    props: { ...defaultProps(type), ...props },
  };
}

const idle: QueryRuntime = { data: null, isLoading: false, error: null, responseMeta: null };
const now = () => Date.parse('2030-01-02T03:04:05Z');
const read = (page: PageEvaluation, name: string) => page.scope[name] as Record<string, unknown>;

/** Options whose `seen(tag, value)` helper records which texts were evaluated. */
function counting() {
  const calls: string[] = [];
  const options: EvaluationOptions = {
    now,
    helpers: {
      seen: (tag, value) => {
        calls.push(String(tag));
        return value;
      },
    },
  };
  return { calls, options, reset: () => calls.splice(0) };
}

const comparable = (page: PageEvaluation) => ({
  scope: page.scope,
  values: page.values,
  errors: page.errors,
  cycles: page.cycles,
});

describe('re-evaluating only what changed', () => {
  const widgets = [
    widget('input', 'Input1', { label: '{{ seen("Input1.label", "To") }}' }),
    widget('text', 'Greeting', { text: 'Hello {{ seen("Greeting", Input1.text) }}' }),
    widget('text', 'Shout', { text: '{{ seen("Shout", Greeting.text.toUpperCase()) }}' }),
    widget('text', 'Unrelated', { text: '{{ seen("Unrelated", 6 * 7) }}' }),
    widget('text', 'Status', {
      text: '{{ seen("Status", SendSms.isLoading ? "sending" : "idle") }}',
    }),
  ];
  const queries = { SendSms: idle };

  it('evaluates every text the first time', () => {
    const { calls, options } = counting();
    const first = computePageScope(widgets, {}, queries, options);
    expect(calls.sort()).toEqual(['Greeting', 'Input1.label', 'Shout', 'Status', 'Unrelated']);
    expect(first.evaluated).toHaveLength(first.page.graph.nodes.size);
  });

  it('typing into Input1 evaluates what reads Input1.text and what reads those, nothing else', () => {
    const { calls, options, reset } = counting();
    const first = computePageScope(widgets, {}, queries, options);
    reset();
    const state = { Input1: { text: 'Ann' } };
    const next = updatePageScope(first, widgets, state, queries, options);
    expect(calls).toEqual(['Greeting', 'Shout']);
    expect(new Set(next.evaluated)).toEqual(
      new Set(['Input1.text', 'Input1.isValid', 'Greeting.text', 'Shout.text']),
    );
    expect(read(next, 'Shout').text).toBe('HELLO ANN');
    expect(comparable(next)).toStrictEqual(
      comparable(computePageScope(widgets, state, queries, options)),
    );
    // The previous evaluation is left as it was, and untouched widgets keep their objects.
    expect(read(first, 'Shout').text).toBe('HELLO ');
    expect(read(next, 'Unrelated')).toBe(read(first, 'Unrelated'));
  });

  it('a finished run evaluates only what reads that query', () => {
    const { calls, options, reset } = counting();
    const first = computePageScope(widgets, {}, queries, options);
    reset();
    const next = updatePageScope(
      first,
      widgets,
      {},
      { SendSms: { ...idle, isLoading: true } },
      options,
    );
    expect(calls).toEqual(['Status']);
    expect(next.evaluated).toEqual(['Status.text']);
    expect(read(next, 'Status').text).toBe('sending');
  });

  it('evaluates nothing when nothing that matters changed', () => {
    const { calls, options, reset } = counting();
    const first = computePageScope(widgets, { Input1: { text: 'Ann' } }, queries, options);
    reset();
    const sameState = updatePageScope(
      first,
      widgets,
      { Input1: { text: 'Ann' } },
      { ...queries },
      options,
    );
    // Saved again: new objects, same definitions (a widget's width does not change what it shows).
    const resaved = updatePageScope(
      sameState,
      widgets.map((w) => ({ ...w, width: 12, props: { ...w.props } })),
      sameState.state,
      queries,
      options,
    );
    expect(calls).toEqual([]);
    expect(resaved.evaluated).toEqual([]);
    expect(resaved.page).toBe(first.page);
    expect(resaved.scope).toBe(first.scope);
  });

  it('starts again from scratch when a definition changes', () => {
    const { calls, options, reset } = counting();
    const first = computePageScope(widgets, {}, queries, options);
    reset();
    const edited = widgets.map((w) =>
      w.name === 'Unrelated' ? { ...w, props: { text: '{{ seen("Unrelated", 1) }}' } } : w,
    );
    const next = updatePageScope(first, edited, {}, queries, options);
    expect(next.page).not.toBe(first.page);
    expect(calls.sort()).toEqual(['Greeting', 'Input1.label', 'Shout', 'Status', 'Unrelated']);
    expect(read(next, 'Unrelated').text).toBe(1);
  });

  it('follows a chain of defaults in one pass, and leaves a widget off the chain alone', () => {
    const { calls, options, reset } = counting();
    const chain = [
      widget('input', 'Input1', { defaultText: 'a' }),
      widget('input', 'Input2', { defaultText: '{{ seen("Input2", Input1.text) }}b' }),
      widget('input', 'Input3', { defaultText: '{{ seen("Input3", Input2.text) }}c' }),
      widget('input', 'Other', { defaultText: '{{ seen("Other", "x") }}' }),
    ];
    const first = computePageScope(chain, {}, {}, options);
    expect(calls.sort()).toEqual(['Input2', 'Input3', 'Other']); // each once: no passes until it settles
    expect(read(first, 'Input3').text).toBe('abc');
    reset();
    const typed = updatePageScope(first, chain, { Input1: { text: 'z' } }, {}, options);
    expect(calls).toEqual(['Input2', 'Input3']);
    expect(read(typed, 'Input3').text).toBe('zbc');
    reset();
    // Typing into Input2 overrides its default: Input3 follows, Input2's default is not evaluated again.
    const overridden = updatePageScope(
      typed,
      chain,
      { Input1: { text: 'z' }, Input2: { text: 'q' } },
      {},
      options,
    );
    expect(calls).toEqual(['Input3']);
    expect(read(overridden, 'Input3').text).toBe('qc');
  });

  it('a Table selection re-evaluates what reads the selected row, not the table data', () => {
    const { calls, options, reset } = counting();
    const rows = { ...idle, data: { messages: [{ sid: 'SM1' }, { sid: 'SM2' }] } };
    const page = [
      widget('table', 'Table1', { tableData: '{{ seen("tableData", List.data.messages) }}' }),
      widget('text', 'Chosen', { text: '{{ seen("Chosen", Table1.selectedRow.sid) }}' }),
    ];
    const first = computePageScope(page, {}, { List: rows }, options);
    reset();
    const next = updatePageScope(
      first,
      page,
      { Table1: { selectedRowIndex: 1 } },
      { List: rows },
      options,
    );
    expect(calls).toEqual(['Chosen']);
    expect(read(next, 'Chosen').text).toBe('SM2');
  });
});

describe('cycles', () => {
  it('reports a loop through two Inputs’ defaults on the texts involved, naming the loop', () => {
    const { calls, options, reset } = counting();
    const widgets = [
      widget('input', 'Input1', { defaultText: 'a{{ seen("Input1", Input2.text) }}' }),
      widget('input', 'Input2', { defaultText: 'b{{ seen("Input2", Input1.text) }}' }),
      widget('text', 'After', { text: '[{{ seen("After", Input1.text) }}]' }),
    ];
    const first = computePageScope(widgets, {}, {}, options);
    expect(first.cycles).toHaveLength(1);
    expect(first.cycles[0]!.message).toMatch(/^Cycle: /);
    expect([...new Set(first.cycles[0]!.path)].sort()).toEqual([
      'Input1.defaultText',
      'Input1.text',
      'Input2.defaultText',
      'Input2.text',
    ]);
    for (const id of ['Input1.defaultText', 'Input2.defaultText']) {
      expect(first.errors.get(id)).toEqual([
        expect.objectContaining({ kind: 'cycle', message: first.cycles[0]!.message }),
      ]);
    }
    expect(calls).toEqual(['After']); // neither default is evaluated
    expect(read(first, 'After').text).toBe('[]');
    reset();
    // What a person types is still read; the loop is still reported, not evaluated.
    const typed = updatePageScope(first, widgets, { Input1: { text: 'hi' } }, {}, options);
    expect(calls).toEqual(['After']);
    expect(read(typed, 'After').text).toBe('[hi]');
    expect(typed.errors.get('Input2.defaultText')?.[0]).toMatchObject({ kind: 'cycle' });
  });

  it('does not mistake a label that reads its own widget’s text for a loop', () => {
    const page = computePageScope(
      [
        widget('input', 'Input1', {
          label: '{{ Input1.text.length }} characters',
          defaultText: 'abc',
        }),
      ],
      {},
      {},
    );
    expect(page.cycles).toEqual([]);
    expect(read(page, 'Input1').label).toBe('3 characters');
  });
});

it('evaluates a widget whose name no binding can read (NaN) in the right order', () => {
  const page = computePageScope([widget('input', 'NaN', { defaultText: 'x{{ 1 + 1 }}' })], {}, {});
  expect(read(page, 'NaN').text).toBe('x2');
});

describe('incremental equals full, over random pages and changes', () => {
  const texts = [
    'plain',
    '',
    '{{ Input1.text }}',
    '{{ Input2.text.toUpperCase() }}!',
    '{{ Input1.isValid }}',
    '{{ Select1.selectedOptionLabel }}',
    '{{ Select1.options }}',
    '{{ Table1.selectedRow.sid }}',
    '{{ len(Table1.tableData) }}',
    '{{ Table1.pageNo }}/{{ Table1.searchText }}',
    '{{ Q1.data.messages }}',
    '{{ Q1.data.options }}',
    '{{ Q2.isLoading ? "busy" : Text2.text }}',
    '{{ Text1.text }} and {{ Text2.text }}',
    '{{ json(Text1) }}',
    '{{ Check1.isChecked ? "yes" : "no" }}',
    '{{ Date1.formattedDate }}',
    '{{ Button1.text }}',
    '{{ Nobody.x }}',
    'a|A\nb|B',
    '2030-01-05',
  ];
  const text = fc.constantFrom(...texts);
  const page = fc
    .record({
      input1: fc.tuple(text, text),
      input2: fc.tuple(text, fc.boolean()),
      select: fc.tuple(text, text),
      table: text,
      text1: text,
      text2: text,
      date: text,
      button: text,
    })
    .map((p) => [
      widget('input', 'Input1', { label: p.input1[0], defaultText: p.input1[1] }),
      widget('input', 'Input2', { defaultText: p.input2[0], required: p.input2[1] }),
      widget('select', 'Select1', { options: p.select[0], defaultValue: p.select[1] }),
      widget('table', 'Table1', { tableData: p.table }),
      widget('text', 'Text1', { text: p.text1 }),
      widget('text', 'Text2', { text: p.text2 }),
      widget('checkbox', 'Check1'),
      widget('datepicker', 'Date1', { defaultDate: p.date }),
      widget('button', 'Button1', { label: p.button }),
    ]);
  const run = fc.oneof(
    fc.constant(idle),
    fc.constant({ ...idle, isLoading: true }),
    fc.constant({
      ...idle,
      data: { messages: [{ sid: 'SM1' }, { sid: 'SM2' }], options: ['a', 'b'] },
    }),
    fc.constant({
      ...idle,
      data: { messages: [{ sid: 'SM9' }], options: [{ label: 'B', value: 'b' }] },
    }),
  );
  type Change =
    | { kind: 'state'; name: string; patch: Record<string, unknown> }
    | { kind: 'reset'; names: string[] }
    | { kind: 'run'; name: string; run: QueryRuntime | null }
    | { kind: 'resave' };
  const change: fc.Arbitrary<Change> = fc.oneof(
    fc.record({
      kind: fc.constant('state' as const),
      name: fc.constant('Input1'),
      patch: fc.record({ text: fc.constantFrom('', 'Ann', ' x ') }),
    }),
    fc.record({
      kind: fc.constant('state' as const),
      name: fc.constant('Input2'),
      patch: fc.record({ text: fc.constantFrom('', 'b') }),
    }),
    fc.record({
      kind: fc.constant('state' as const),
      name: fc.constant('Select1'),
      patch: fc.record({ selectedOptionValue: fc.constantFrom('a', 'b', 'zz') }),
    }),
    fc.record({
      kind: fc.constant('state' as const),
      name: fc.constant('Table1'),
      patch: fc.record(
        {
          selectedRowIndex: fc.integer({ min: -1, max: 2 }),
          pageNo: fc.integer({ min: 1, max: 3 }),
        },
        { requiredKeys: [] },
      ),
    }),
    fc.record({
      kind: fc.constant('state' as const),
      name: fc.constant('Check1'),
      patch: fc.record({ isChecked: fc.boolean() }),
    }),
    fc.record({
      kind: fc.constant('state' as const),
      name: fc.constant('Date1'),
      patch: fc.record({ selectedDate: fc.constantFrom('2030-02-03', 'bad') }),
    }),
    fc.record({
      kind: fc.constant('reset' as const),
      names: fc.subarray(['Input1', 'Input2', 'Select1', 'Table1', 'Check1', 'Date1']),
    }),
    fc.record({
      kind: fc.constant('run' as const),
      name: fc.constantFrom('Q1', 'Q2'),
      run: fc.option(run, { nil: null }),
    }),
    fc.constant({ kind: 'resave' as const }),
  );

  it('after every change, the incremental result equals a full evaluation', () => {
    const options: EvaluationOptions = { now };
    fc.assert(
      fc.property(page, fc.array(change, { maxLength: 12 }), (initial, changes) => {
        let widgets = initial;
        let state: WidgetState = {};
        let queries: Record<string, QueryRuntime> = { Q1: idle, Q2: idle };
        let incremental = computePageScope(widgets, state, queries, options);
        for (const c of changes) {
          if (c.kind === 'state') state = { ...state, [c.name]: { ...state[c.name], ...c.patch } };
          else if (c.kind === 'reset')
            state = Object.fromEntries(
              Object.entries(state).filter(([name]) => !c.names.includes(name)),
            );
          else if (c.kind === 'resave') widgets = structuredClone(widgets);
          else if (c.run) queries = { ...queries, [c.name]: c.run };
          else
            queries = Object.fromEntries(
              Object.entries(queries).filter(([name]) => name !== c.name),
            );
          incremental = updatePageScope(incremental, widgets, state, queries, options);
          expect(comparable(incremental)).toStrictEqual(
            comparable(computePageScope(widgets, state, queries, options)),
          );
        }
      }),
      { numRuns: 150, seed: 20300102 },
    );
  });
});
