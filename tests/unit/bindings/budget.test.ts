import { describe, expect, it } from 'vitest';
import { createPageBudget } from '../../../src/bindings/budget';
import { buildDependencyGraph, evaluateGraph } from '../../../src/bindings/dependency-graph';
import { evaluateExpression } from '../../../src/bindings/evaluator';
import { evaluateTemplate } from '../../../src/bindings/template';

// Bindings have a work budget counted in steps and characters, not time: a hostile page gets errors
// on its fields after a bounded amount of work, the same on every machine.

const HEAVY = '"a".repeat(99999).replaceAll("a", "b").length';
const TOO_MUCH = /^This binding does too much work: .+ \(limit .+\)$/;

describe('the work budget of one field', () => {
  it('lets ordinary bindings through', () => {
    expect(evaluateExpression(HEAVY, {})).toEqual({ ok: true, value: 99999 });
    expect(evaluateTemplate('{{ [1, 2, 3].join("-") }}!', {}).value).toBe('1-2-3!');
  });

  it('stops a field whose strings come to more than 1,000,000 characters', () => {
    // Each binding creates and scans about 300,000 characters; the fourth goes past the budget.
    const { value, errors } = evaluateTemplate(
      `{{${HEAVY}}} {{${HEAVY}}} {{${HEAVY}}} {{${HEAVY}}}`,
      {},
    );
    expect(value).toBe('99999 99999 99999 ');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ kind: 'limit', position: 3 * (HEAVY.length + 5) });
    expect(errors[0]!.message).toMatch(TOO_MUCH);
    expect(errors[0]!.message).toMatch(/1,000,000 characters per field/);
  });

  it('stops a field that visits more than 10,000 nodes', () => {
    const list = `{{ [${Array.from({ length: 900 }, () => '1').join(',')}].length }}`;
    const { value, errors } = evaluateTemplate(Array.from({ length: 12 }, () => list).join(''), {});
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(TOO_MUCH);
    expect(errors[0]!.message).toMatch(/10,000 steps per field/);
    expect(value).toBe('900'.repeat(11));
  });

  it('takes its limits from the options', () => {
    const result = evaluateExpression('1 + 2 + 3', {}, { limits: { maxFieldSteps: 3 } });
    expect(result).toMatchObject({
      ok: false,
      kind: 'limit',
      message: expect.stringMatching(TOO_MUCH),
    });
  });
});

describe('the work budget of one page', () => {
  // The page the attack run built: field after field of long repeat/replaceAll chains.
  const hostile = Array.from({ length: 60 }, (_, i) => ({
    name: `Text${i}`,
    properties: { text: `{{${HEAVY}}}` },
  }));

  it('gives the fields past the page budget an error instead of evaluating them', () => {
    const page = createPageBudget();
    const state = evaluateGraph(buildDependencyGraph(hostile), {}, { page });
    const done = hostile.filter((e) => state.values.get(`${e.name}.text`) === 99999);
    const stopped = hostile.filter((e) => state.errors.has(`${e.name}.text`));
    expect(done.length + stopped.length).toBe(hostile.length);
    // 5,000,000 characters at about 300,000 a field.
    expect(done.length).toBe(16);
    expect(state.errors.get(`${stopped[0]!.name}.text`)![0]!.message).toMatch(
      /too much work: .*5,000,000 characters per page/,
    );
    // Once spent, each further field stops at its first charge: the work done stays bounded.
    expect(page.chars).toBeLessThan(page.maxChars + 100_000 * hostile.length);
    expect(page.steps).toBeLessThan(10 * hostile.length);
  });

  it('gives every evaluation of the graph a fresh budget of its own', () => {
    const graph = buildDependencyGraph(hostile.slice(0, 10));
    for (let i = 0; i < 3; i++) expect(evaluateGraph(graph).errors.size).toBe(0);
  });

  it('counts steps across the page', () => {
    const entities = Array.from({ length: 5 }, (_, i) => ({
      name: `T${i}`,
      properties: { text: '{{ 1 + 1 }}' },
    }));
    const state = evaluateGraph(buildDependencyGraph(entities), {}, { page: createPageBudget(7) });
    expect(state.errors.size).toBe(3); // three steps a field: the third field crosses seven
    expect([...state.errors.values()][0]![0]!.message).toMatch(/7 steps per page/);
  });
});
