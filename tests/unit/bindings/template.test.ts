import { describe, expect, it } from 'vitest';
import { evaluateTemplate, referencedNames, referencedPaths } from '../../../src/bindings/template';
import type { Scope } from '../../../src/bindings/types';

const scope: Scope = {
  Input1: { text: 'Ada' },
  PageSize: { value: 20 },
  Media: { urls: ['https://example.com/a.png', 'https://example.com/b.png'] },
  Row: { selected: { sid: 'SM1', to: '+15005550006' } },
  nothing: null,
  flag: true,
};

describe('evaluateTemplate: raw value or string', () => {
  const cases: [string, string, unknown][] = [
    ['text without bindings comes back unchanged', 'Hello there', 'Hello there'],
    ['an empty field stays empty', '', ''],
    ['an unterminated {{ stays as text', 'Price {{ 5', 'Price {{ 5'],
    ['a lone number binding is a number', '{{ PageSize.value }}', 20],
    ['surrounding whitespace keeps the raw value', '  {{ PageSize.value }}\n', 20],
    [
      'a lone array binding is the array',
      '{{ Media.urls }}',
      ['https://example.com/a.png', 'https://example.com/b.png'],
    ],
    ['a lone object binding is the object', '{{Row.selected}}', { sid: 'SM1', to: '+15005550006' }],
    ['a lone boolean binding is a boolean', '{{ flag }}', true],
    ['a lone null binding is null', '{{ nothing }}', null],
    ['a lone literal array', '{{ [1, 2] }}', [1, 2]],
    ['mixed text is a string', 'Hello {{Input1.text}}!', 'Hello Ada!'],
    ['numbers in mixed text', 'Page size: {{ PageSize.value }}', 'Page size: 20'],
    [
      'arrays in mixed text are JSON',
      'Media: {{ Media.urls }}',
      'Media: ["https://example.com/a.png","https://example.com/b.png"]',
    ],
    [
      'objects in mixed text are JSON',
      'Row {{Row.selected}}',
      'Row {"sid":"SM1","to":"+15005550006"}',
    ],
    ['null in mixed text is empty', '[{{ nothing }}]', '[]'],
    ['undefined in mixed text is empty', '[{{ Row.missing }}]', '[]'],
    ['booleans in mixed text', 'on={{ flag }}', 'on=true'],
    ['two bindings make a string', '{{ PageSize.value }}{{ PageSize.value }}', '2020'],
    ['a binding and text with no spaces', '{{ Input1.text }}.', 'Ada.'],
    ['template literal inside a binding', '{{ `Hi ${Input1.text}` }}', 'Hi Ada'],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    const result = evaluateTemplate(text, scope);
    expect(result.value).toEqual(expected);
    if (!text.includes('{{ 5')) expect(result.errors).toEqual([]);
  });

  it('returns the scope object itself for a lone binding', () => {
    expect(evaluateTemplate('{{ Media.urls }}', scope).value).toBe(
      (scope.Media as { urls: unknown }).urls,
    );
  });
});

describe('evaluateTemplate: errors carry positions', () => {
  it('puts a runtime error at the binding that failed', () => {
    const text = 'To {{ Input1.text }} from {{ Input9.text }}';
    const result = evaluateTemplate(text, scope);
    expect(result.value).toBe('To Ada from ');
    expect(result.errors).toEqual([
      { kind: 'reference', message: 'Input9 is not defined', position: 26, end: text.length },
    ]);
    expect(text.slice(result.errors[0]!.position, result.errors[0]!.end)).toBe('{{ Input9.text }}');
  });

  it('puts a syntax error at the offending character of the field', () => {
    const text = 'x {{ a + * b }}';
    const result = evaluateTemplate(text, scope);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ kind: 'syntax', position: 9, end: 15 });
    expect(text[result.errors[0]!.position]).toBe('*');
  });

  it('gives a failed lone binding the value undefined', () => {
    const result = evaluateTemplate('{{ nothing.x }}', scope);
    expect(result.value).toBeUndefined();
    expect(result.errors[0]).toMatchObject({
      kind: 'type',
      message: "Cannot read properties of null (reading 'x')",
      position: 0,
    });
  });

  it('reports an unterminated binding and still evaluates the ones before it', () => {
    const result = evaluateTemplate('{{ Input1.text }} and {{ oops', scope);
    expect(result.value).toBe('Ada and {{ oops');
    expect(result.errors).toEqual([expect.objectContaining({ kind: 'syntax', position: 22 })]);
  });

  it('reports every failing binding', () => {
    const result = evaluateTemplate('{{ a }} {{ b = 1 }} {{ this }}', scope);
    expect(result.errors.map((error) => error.kind)).toEqual(['reference', 'syntax', 'security']);
  });

  it('caps the text a mixed template produces', () => {
    const result = evaluateTemplate('{{ "x".repeat(60) }}{{ "y".repeat(60) }}', scope, {
      limits: { maxStringLength: 100 },
    });
    expect(result.value).toBeUndefined();
    expect(result.errors).toEqual([expect.objectContaining({ kind: 'limit' })]);
  });

  it('never throws on a non-string field', () => {
    expect(evaluateTemplate(42 as unknown as string, scope)).toMatchObject({
      value: undefined,
      errors: [{ kind: 'type' }],
    });
  });
});

describe('referencedNames and referencedPaths', () => {
  const cases: [string, string[], string[]][] = [
    ['plain text', [], []],
    ['{{ Input1.text }}', ['Input1'], ['Input1.text']],
    ['Hi {{ Input1.text.trim().toUpperCase() }}', ['Input1'], ['Input1.text']],
    [
      '{{ minutesFromNow(Select1.selectedOptionValue) }}',
      ['Select1'],
      ['Select1.selectedOptionValue'],
    ],
    ['{{ round(x) + len(y) }}', ['x', 'y'], ['x', 'y']],
    [
      '{{ Table1.tableData[Table1.selectedRowIndex].sid }}',
      ['Table1'],
      ['Table1.tableData', 'Table1.selectedRowIndex'],
    ],
    ["{{ Table1['pageNo'] }}", ['Table1'], ['Table1.pageNo']],
    ['{{ ListMessages.data?.messages }}', ['ListMessages'], ['ListMessages.data.messages']],
    ['{{ {to: Input1.text, body} }}', ['Input1', 'body'], ['Input1.text', 'body']],
    ['{{ {[key]: 1} }}', ['key'], ['key']],
    ['{{ `${A.b} and ${C}` }}', ['A', 'C'], ['A.b', 'C']],
    ['{{ a ? b.c : d[0] }}', ['a', 'b', 'd'], ['a', 'b.c', 'd.0']],
    ['{{ [x, y.z] }}', ['x', 'y'], ['x', 'y.z']],
    ['{{ undefined ?? NaN ?? Infinity }}', [], []],
    ['{{ "text".length }}', [], []],
    ['{{ json(Q1) }} {{ Q2.data }}', ['Q1', 'Q2'], ['Q1', 'Q2.data']],
    ['{{ a.b }} {{ a.b }}', ['a'], ['a.b']],
    ['{{ broken + }} {{ ok }}', ['ok'], ['ok']],
    ['{{ oops', [], []],
  ];
  it.each(cases)('%s', (text, names, paths) => {
    expect(referencedNames(text)).toEqual(names);
    expect(referencedPaths(text)).toEqual(paths);
  });
});

describe('evaluateTemplate options', () => {
  it('accepts null options from loosely typed callers', () => {
    expect(evaluateTemplate('a {{ 1 + 1 }}', {}, null)).toEqual({ value: 'a 2', errors: [] });
  });
});
