import { describe, expect, it } from 'vitest';
import {
  affectedNodes,
  buildDependencyGraph,
  buildScope,
  evaluateGraph,
  reevaluateGraph,
  type Entity,
} from '../../../src/bindings/dependency-graph';

const entities: Entity[] = [
  // Declared out of order on purpose: the graph, not the list, decides the order.
  { name: 'Greeting', properties: { text: '{{ Shout.text }} ({{ Input1.text.length }} letters)' } },
  { name: 'Shout', properties: { text: '{{ Hello.text.toUpperCase() }}', color: 'red' } },
  { name: 'Hello', properties: { text: 'Hello {{ Input1.text }}' } },
  {
    name: 'SendSms',
    properties: {
      to: '{{ Input2.text }}',
      body: '{{ Hello.text }}',
      sendAt: '{{ minutesFromNow(30) }}',
    },
  },
  { name: 'Table1', properties: { tableData: '{{ ListMessages.data.messages }}' } },
  { name: 'Selected', properties: { text: '{{ Table1.tableData[Table1.selectedRowIndex].sid }}' } },
];

const base = {
  Input1: { text: 'Ada' },
  Input2: { text: '+15005550006' },
  ListMessages: { data: { messages: [{ sid: 'SM1' }, { sid: 'SM2' }] } },
  Table1: { selectedRowIndex: 1 },
};
const options = { now: () => Date.UTC(2030, 0, 2, 3, 4, 5) };

function position(order: readonly string[], id: string): number {
  const index = order.indexOf(id);
  expect(index, id).toBeGreaterThanOrEqual(0);
  return index;
}

describe('buildDependencyGraph', () => {
  const graph = buildDependencyGraph(entities);

  it('makes a node per templated property, with what it reads', () => {
    expect([...graph.nodes.keys()].sort()).toEqual(
      [
        'Greeting.text',
        'Hello.text',
        'Selected.text',
        'SendSms.body',
        'SendSms.sendAt',
        'SendSms.to',
        'Shout.color',
        'Shout.text',
        'Table1.tableData',
      ].sort(),
    );
    expect(graph.nodes.get('Greeting.text')).toMatchObject({
      reads: ['Shout.text', 'Input1.text.length'],
      dependsOn: ['Shout.text'],
    });
    expect(graph.nodes.get('Selected.text')!.dependsOn).toEqual(['Table1.tableData']);
    expect(graph.nodes.get('SendSms.sendAt')!.dependsOn).toEqual([]);
  });

  it('orders every node after the nodes it reads', () => {
    expect(graph.order).toHaveLength(graph.nodes.size);
    for (const node of graph.nodes.values()) {
      for (const dep of node.dependsOn)
        expect(position(graph.order, dep)).toBeLessThan(position(graph.order, node.id));
    }
    expect(position(graph.order, 'Hello.text')).toBeLessThan(position(graph.order, 'Shout.text'));
    expect(position(graph.order, 'Shout.text')).toBeLessThan(
      position(graph.order, 'Greeting.text'),
    );
    expect(graph.cycles).toEqual([]);
  });

  it('records who reads whom', () => {
    expect([...graph.dependents.get('Hello.text')!].sort()).toEqual(['SendSms.body', 'Shout.text']);
    expect(graph.dependents.get('Greeting.text')).toEqual([]);
  });

  it('makes a read of a whole entity depend on all of its properties', () => {
    const whole = buildDependencyGraph([
      { name: 'A', properties: { x: '1', y: '{{ 2 }}' } },
      { name: 'B', properties: { text: '{{ json(A) }}' } },
    ]);
    expect(whole.nodes.get('B.text')!.dependsOn).toEqual(['A.x', 'A.y']);
    expect(evaluateGraph(whole).values.get('B.text')).toBe('{"x":"1","y":2}');
  });

  it('skips bad input instead of throwing', () => {
    const messy = buildDependencyGraph([
      { name: 'A', properties: { text: 'first' } },
      { name: 'A', properties: { text: 'duplicate' } },
      {
        name: 'B',
        properties: JSON.parse('{"__proto__": "x", "n": 5, "ok": "yes"}') as Record<string, string>,
      },
      null as unknown as Entity,
      { name: 'C' } as unknown as Entity,
    ]);
    expect([...messy.nodes.keys()]).toEqual(['A.text', 'B.ok']);
    expect(messy.nodes.get('A.text')!.template).toBe('first');
    expect(buildDependencyGraph(undefined as unknown as Entity[]).nodes.size).toBe(0);
  });

  it('handles a chain of 5,000 properties without recursion trouble', () => {
    const chain: Entity[] = Array.from({ length: 5_000 }, (_, i) => ({
      name: `T${i}`,
      properties: { v: i === 0 ? '{{ 1 }}' : `{{ T${i - 1}.v + 1 }}` },
    }));
    const graph = buildDependencyGraph(chain.slice().reverse());
    expect(graph.order[0]).toBe('T0.v');
    expect(graph.order.at(-1)).toBe('T4999.v');
    expect(evaluateGraph(graph).values.get('T4999.v')).toBe(5_000);
  });
});

describe('evaluateGraph', () => {
  const graph = buildDependencyGraph(entities);
  const state = evaluateGraph(graph, base, options);

  it('evaluates each property with the evaluated properties it reads', () => {
    expect(state.values.get('Hello.text')).toBe('Hello Ada');
    expect(state.values.get('Shout.text')).toBe('HELLO ADA');
    expect(state.values.get('Greeting.text')).toBe('HELLO ADA (3 letters)');
    expect(state.values.get('SendSms.body')).toBe('Hello Ada');
    expect(state.values.get('SendSms.to')).toBe('+15005550006');
    expect(state.values.get('SendSms.sendAt')).toBe('2030-01-02T03:34:05Z');
    expect(state.values.get('Shout.color')).toBe('red');
    expect(state.errors.size).toBe(0);
  });

  it('lays evaluated properties over the runtime state of the same entity', () => {
    expect(state.values.get('Table1.tableData')).toEqual([{ sid: 'SM1' }, { sid: 'SM2' }]);
    expect(state.values.get('Selected.text')).toBe('SM2');
  });

  it('does not write into the base scope', () => {
    expect(base.Table1).toEqual({ selectedRowIndex: 1 });
    const scope = buildScope(graph, state.values, base);
    expect(scope.Table1).toEqual({
      selectedRowIndex: 1,
      tableData: [{ sid: 'SM1' }, { sid: 'SM2' }],
    });
    expect(scope.Input1).toBe(base.Input1);
  });

  it('keeps errors per property', () => {
    const broken = buildDependencyGraph([
      { name: 'T', properties: { ok: 'fine', bad: '{{ Missing.x }}' } },
    ]);
    const result = evaluateGraph(broken);
    expect(result.values.get('T.ok')).toBe('fine');
    expect(result.errors.get('T.bad')).toEqual([
      expect.objectContaining({ kind: 'reference', message: 'Missing is not defined' }),
    ]);
  });
});

describe('change propagation', () => {
  const graph = buildDependencyGraph(entities);

  it('lists what a changed name affects, in evaluation order', () => {
    expect(affectedNodes(graph, 'Input1')).toEqual(
      ['Hello.text', 'Shout.text', 'Greeting.text', 'SendSms.body'].sort(
        (a, b) => position(graph.order, a) - position(graph.order, b),
      ),
    );
    expect(new Set(affectedNodes(graph, 'Input1.text'))).toEqual(
      new Set(affectedNodes(graph, 'Input1')),
    );
    expect(affectedNodes(graph, 'Input2')).toEqual(['SendSms.to']);
    expect(affectedNodes(graph, 'ListMessages')).toEqual(['Table1.tableData', 'Selected.text']);
    expect(affectedNodes(graph, 'Table1.selectedRowIndex')).toEqual(['Selected.text']);
    expect(affectedNodes(graph, 'Nobody')).toEqual([]);
  });

  it('matches paths at name boundaries only', () => {
    expect(affectedNodes(graph, 'Input')).toEqual([]);
    expect(affectedNodes(graph, 'Input1.textual')).toEqual([]);
    expect(affectedNodes(graph, 'Input1.text.length')).toContain('Greeting.text');
  });

  it('includes a node whose own template changed, and everything after it', () => {
    expect(affectedNodes(graph, 'Hello.text')).toEqual(affectedNodes(graph, ['Hello.text']));
    expect(affectedNodes(graph, 'Hello.text')).toEqual(
      expect.arrayContaining(['Hello.text', 'Shout.text', 'Greeting.text', 'SendSms.body']),
    );
    expect(affectedNodes(graph, 'Hello.text')).toHaveLength(4);
  });

  it('re-evaluates only the affected properties', () => {
    let calls = 0;
    const counted = {
      ...options,
      helpers: {
        count: (v: unknown) => {
          calls += 1;
          return v;
        },
      },
    };
    const tracked = buildDependencyGraph([
      { name: 'A', properties: { text: '{{ count(Input1.text) }}' } },
      { name: 'B', properties: { text: '{{ count(Input2.text) }}' } },
      { name: 'C', properties: { text: '{{ count(A.text) }}!' } },
    ]);
    const first = evaluateGraph(tracked, base, counted);
    expect(calls).toBe(3);
    const next = reevaluateGraph(
      tracked,
      first,
      'Input1',
      { ...base, Input1: { text: 'Grace' } },
      counted,
    );
    expect(calls).toBe(5);
    expect(next.evaluated).toEqual(['A.text', 'C.text']);
    expect(next.values.get('C.text')).toBe('Grace!');
    expect(next.values.get('B.text')).toBe('+15005550006');
    expect(first.values.get('C.text')).toBe('Ada!'); // the previous state is not mutated
  });

  it('clears an error once the input is fixed', () => {
    const g = buildDependencyGraph([
      { name: 'A', properties: { text: '{{ Input1.text.trim() }}' } },
    ]);
    const failing = evaluateGraph(g, { Input1: {} });
    expect(failing.errors.get('A.text')).toHaveLength(1);
    const fixed = reevaluateGraph(g, failing, 'Input1.text', { Input1: { text: ' ok ' } });
    expect(fixed.errors.has('A.text')).toBe(false);
    expect(fixed.values.get('A.text')).toBe('ok');
  });
});

describe('cycles', () => {
  it('reports a two-property cycle instead of looping', () => {
    const graph = buildDependencyGraph([
      { name: 'Text1', properties: { text: '{{ Text2.text }}' } },
      { name: 'Text2', properties: { text: '{{ Text1.text }}' } },
      { name: 'Text3', properties: { text: 'after {{ Text1.text }}' } },
    ]);
    expect(graph.cycles).toEqual([
      {
        path: ['Text1.text', 'Text2.text', 'Text1.text'],
        message: 'Cycle: Text1.text -> Text2.text -> Text1.text',
      },
    ]);
    const state = evaluateGraph(graph);
    for (const id of ['Text1.text', 'Text2.text']) {
      expect(state.errors.get(id)).toEqual([
        {
          kind: 'cycle',
          message: 'Cycle: Text1.text -> Text2.text -> Text1.text',
          position: 0,
          end: 16,
        },
      ]);
      expect(state.values.get(id)).toBeUndefined();
    }
    // What reads a cycle still evaluates, seeing no value.
    expect(state.values.get('Text3.text')).toBe('after ');
    expect(reevaluateGraph(graph, state, 'Text1.text').evaluated).toEqual([
      'Text1.text',
      'Text2.text',
      'Text3.text',
    ]);
  });

  it('reports a property that reads itself', () => {
    const graph = buildDependencyGraph([
      { name: 'Counter', properties: { value: '{{ Counter.value + 1 }}' } },
    ]);
    expect(graph.cycles.map((cycle) => cycle.message)).toEqual([
      'Cycle: Counter.value -> Counter.value',
    ]);
  });

  it('reports an entity that reads itself whole', () => {
    const graph = buildDependencyGraph([
      { name: 'Text1', properties: { text: '{{ json(Text1) }}' } },
    ]);
    expect(graph.cycles).toHaveLength(1);
  });

  it('reports a longer cycle with its full path', () => {
    const graph = buildDependencyGraph([
      { name: 'A', properties: { v: '{{ B.v }}' } },
      { name: 'B', properties: { v: '{{ C.v }}' } },
      { name: 'C', properties: { v: '{{ A.v }}' } },
      { name: 'D', properties: { v: '{{ D.w }}', w: '{{ D.v }}' } },
    ]);
    expect(graph.cycles.map((cycle) => cycle.message).sort()).toEqual([
      'Cycle: A.v -> B.v -> C.v -> A.v',
      'Cycle: D.v -> D.w -> D.v',
    ]);
    expect(graph.inCycle.get('C.v')!.message).toBe('Cycle: A.v -> B.v -> C.v -> A.v');
  });

  it('does not mistake reads of different properties of two entities for a cycle', () => {
    const graph = buildDependencyGraph([
      { name: 'A', properties: { label: '{{ B.value }}', value: '1' } },
      { name: 'B', properties: { label: '{{ A.value }}', value: '2' } },
    ]);
    expect(graph.cycles).toEqual([]);
    const state = evaluateGraph(graph);
    expect([state.values.get('A.label'), state.values.get('B.label')]).toEqual(['2', '1']);
  });
});
