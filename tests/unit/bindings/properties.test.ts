import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDependencyGraph,
  evaluateExpression,
  evaluateGraph,
  evaluateTemplate,
  parseExpression,
  referencedNames,
  referencedPaths,
  scanTemplate,
  type Entity,
} from '../../../src/bindings';

// Property-based checks: whatever the text and whatever the scope, the public functions return
// (never throw), never hand out a function, and never touch the shared prototypes.

const prototypes = [
  Object.prototype,
  Array.prototype,
  String.prototype,
  Number.prototype,
  Function.prototype,
];
let snapshot: string[][] = [];
beforeAll(() => {
  snapshot = prototypes.map((proto) => Object.getOwnPropertyNames(proto).sort());
});
afterAll(() => {
  expect(prototypes.map((proto) => Object.getOwnPropertyNames(proto).sort())).toEqual(snapshot);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

const NAMES = [
  'a',
  'b',
  'x',
  'Input1',
  'list',
  'text',
  'n',
  'window',
  'globalThis',
  'process',
  'constructor',
  '__proto__',
  'prototype',
  'polluted',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'length',
  'Function',
  'eval',
];
const HELPERS = [
  'now',
  'json',
  'len',
  'round',
  'String',
  'Number',
  'minutesFromNow',
  'fetch',
  'eval',
  'Function',
  'constructor',
];
const METHODS = [
  'toUpperCase',
  'trim',
  'split',
  'join',
  'replace',
  'replaceAll',
  'repeat',
  'padStart',
  'concat',
  'flat',
  'slice',
  'at',
  'toFixed',
  'constructor',
  'call',
  'apply',
  'bind',
  '__defineGetter__',
  'valueOf',
];

const name = fc.constantFrom(...NAMES);
const literal = fc.oneof(
  fc.integer({ min: -1000, max: 1_000_000_000 }).map(String),
  fc.constantFrom(
    '"__proto__"',
    "'constructor'",
    '"prototype"',
    '""',
    "'polluted'",
    'true',
    'null',
    'undefined',
    '1e9',
    'NaN',
    '"}}"',
  ),
  fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
);

/** Random expressions built from JavaScript's grammar, heavy on the dangerous names. */
const expr: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    name,
    literal,
    fc.tuple(tie('expr'), name).map(([o, p]) => `${o}.${p}`),
    fc.tuple(tie('expr'), name).map(([o, p]) => `${o}?.${p}`),
    fc.tuple(tie('expr'), tie('expr')).map(([o, k]) => `${o}[${k}]`),
    fc
      .tuple(fc.constantFrom(...HELPERS), fc.array(tie('expr'), { maxLength: 2 }))
      .map(([f, args]) => `${f}(${args.join(', ')})`),
    fc
      .tuple(tie('expr'), fc.constantFrom(...METHODS), fc.array(tie('expr'), { maxLength: 2 }))
      .map(([o, m, args]) => `${o}.${m}(${args.join(', ')})`),
    fc
      .tuple(
        tie('expr'),
        fc.constantFrom('+', '-', '*', '**', '==', '===', '<', '&&', '||', '??', '%', '|'),
        tie('expr'),
      )
      .map(([l, op, r]) => `(${l} ${op} ${r})`),
    fc.tuple(fc.constantFrom('!', '-', '+', '~'), tie('expr')).map(([op, e]) => `${op}${e}`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([t, c, e]) => `(${t} ? ${c} : ${e})`),
    fc.array(tie('expr'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    fc
      .array(
        fc.tuple(
          fc.oneof(
            name,
            literal,
            tie('expr').map((e) => `[${e}]`),
          ),
          tie('expr'),
        ),
        { maxLength: 3 },
      )
      .map((pairs) => `{ ${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')} }`),
    fc
      .tuple(fc.string({ maxLength: 5 }), tie('expr'))
      .map(([s, e]) => `\`${s.replace(/[`\\$]/g, '')}\${${e}}\``),
  ),
})).expr;

/** Token soup: mostly invalid, which is the point. */
const TOKENS = [
  '{{',
  '}}',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '.',
  '?.',
  ',',
  ';',
  '=',
  '=>',
  '`',
  '${',
  "'",
  '"',
  '\\',
  'new',
  'this',
  'typeof',
  ...NAMES,
  ...HELPERS,
  '1',
  ' ',
];
const soup = fc
  .array(fc.constantFrom(...TOKENS), { maxLength: 40 })
  .map((tokens) => tokens.join(''));

const scopeValue = fc.anything({
  withNullPrototype: true,
  withObjectString: true,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withDate: true,
  maxDepth: 3,
});
const scope = fc.dictionary(fc.oneof(name, fc.string({ maxLength: 6 })), scopeValue, {
  maxKeys: 8,
});
const clock = { now: () => Date.UTC(2030, 0, 2, 3, 4, 5) };

function assertSafe(value: unknown): void {
  expect(typeof value).not.toBe('function');
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

describe('property: nothing throws, nothing escapes', () => {
  it('scanTemplate splits any text into contiguous segments that rebuild it', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          soup,
          fc.string({ unit: 'binary', maxLength: 100 }),
        ),
        (text) => {
          const { segments, errors } = scanTemplate(text);
          expect(segments.map((segment) => text.slice(segment.start, segment.end)).join('')).toBe(
            text,
          );
          segments.forEach((segment, i) =>
            expect(segment.start).toBe(i === 0 ? 0 : segments[i - 1]!.end),
          );
          for (const error of errors) expect(error.position).toBeLessThanOrEqual(text.length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('parseExpression never throws on generated or garbled sources', () => {
    fc.assert(
      fc.property(fc.oneof(expr, soup, fc.string({ maxLength: 100 })), (source) => {
        const result = parseExpression(source);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });

  it('evaluateExpression never throws, never returns a function and never pollutes a prototype', () => {
    const outcomes = { ok: 0, security: 0 };
    fc.assert(
      fc.property(fc.oneof(expr, soup), scope, (source, values) => {
        const result = evaluateExpression(source, values, clock);
        if (result.ok) {
          outcomes.ok += 1;
          assertSafe(result.value);
        } else {
          if (result.kind === 'security') outcomes.security += 1;
          expect(result.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
    // The generator must exercise both paths, or this property proves little.
    expect(outcomes.ok).toBeGreaterThan(100);
    expect(outcomes.security).toBeGreaterThan(100);
  });

  it('evaluateTemplate and referencedNames never throw on any field text', () => {
    const template = fc
      .array(
        fc.oneof(
          fc.string({ maxLength: 10 }),
          expr.map((e) => `{{ ${e} }}`),
          soup,
        ),
        { maxLength: 4 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(template, scope, (text, values) => {
        const result = evaluateTemplate(text, values, clock);
        assertSafe(result.value);
        for (const error of result.errors) {
          expect(error.position).toBeGreaterThanOrEqual(0);
          expect(error.position).toBeLessThanOrEqual(error.end);
          expect(error.end).toBeLessThanOrEqual(text.length);
        }
        expect(Array.isArray(referencedNames(text))).toBe(true);
        expect(Array.isArray(referencedPaths(text))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('many __proto__-laden expressions leave ({}).polluted undefined', () => {
    const attack = fc.constantFrom(
      '{ __proto__: { polluted: 1 } }',
      '{ ["__proto__"]: { polluted: 1 } }',
      'a["__proto__"]["polluted"]',
      'a[k]',
      '{ [k]: { polluted: 1 } }.polluted',
      'json({ [k]: { polluted: true } })',
      'a.constructor.prototype',
      'a[c][p]',
      '[][c][p]',
      '""[c]',
    );
    fc.assert(
      fc.property(
        attack,
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'polluted'),
        (source, key) => {
          const result = evaluateExpression(source, {
            a: {},
            k: key,
            c: 'constructor',
            p: 'prototype',
          });
          if (result.ok) assertSafe(result.value);
          assertSafe(undefined);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('property: raw values and text', () => {
  it('a lone binding yields the scope value itself; mixed text yields its JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
        const lone = evaluateTemplate('{{ v }}', { v: value });
        expect(lone.errors).toEqual([]);
        expect(lone.value).toBe(value);
        const mixed = evaluateTemplate('v={{ v }}', { v: value });
        expect(mixed.errors).toEqual([]);
        const expected =
          value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
        expect(mixed.value).toBe(`v=${expected}`);
      }),
      { numRuns: 500 },
    );
  });

  it('text without {{ comes back unchanged', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }).filter((text) => !text.includes('{{')),
        (text) => {
          expect(evaluateTemplate(text, {})).toEqual({ value: text, errors: [] });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('property: dependency graphs', () => {
  it('orders any graph so each node comes after what it reads, or reports the cycle', () => {
    const entityNames = ['A', 'B', 'C', 'D', 'E'];
    const props = ['x', 'y'];
    const reference = fc
      .tuple(fc.constantFrom(...entityNames), fc.constantFrom(...props, ''))
      .map(([e, p]) => (p ? `${e}.${p}` : `len(${e})`));
    const entities = fc
      .uniqueArray(fc.constantFrom(...entityNames), { minLength: 1 })
      .chain((names) =>
        fc.tuple(
          ...names.map((entity) =>
            fc.record({
              name: fc.constant(entity),
              properties: fc.dictionary(
                fc.constantFrom(...props),
                fc
                  .array(reference, { maxLength: 2 })
                  .map((refs) => refs.map((r) => `{{ ${r} }}`).join(' ')),
                {
                  maxKeys: 2,
                },
              ),
            }),
          ),
        ),
      );
    fc.assert(
      fc.property(entities, (list: Entity[]) => {
        const graph = buildDependencyGraph(list);
        expect([...graph.order].sort()).toEqual([...graph.nodes.keys()].sort());
        for (const node of graph.nodes.values()) {
          if (graph.inCycle.has(node.id)) continue;
          for (const dep of node.dependsOn) {
            if (!graph.inCycle.has(dep))
              expect(graph.order.indexOf(dep)).toBeLessThan(graph.order.indexOf(node.id));
          }
        }
        for (const cycle of graph.cycles) expect(cycle.path[0]).toBe(cycle.path.at(-1));
        const state = evaluateGraph(graph, {}, clock);
        for (const id of graph.inCycle.keys())
          expect(state.errors.get(id)?.[0]?.kind).toBe('cycle');
      }),
      { numRuns: 300 },
    );
  });
});
