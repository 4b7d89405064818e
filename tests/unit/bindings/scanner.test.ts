import { describe, expect, it } from 'vitest';
import { scanTemplate } from '../../../src/bindings/scanner';
import type { Segment } from '../../../src/bindings/types';

/** A compact picture of the segments: text as-is, bindings as [expression]. */
function shape(segments: Segment[]): string[] {
  return segments.map((segment) =>
    segment.kind === 'text' ? segment.text : `[${segment.expression}]`,
  );
}

describe('scanTemplate', () => {
  const cases: [string, string, string[]][] = [
    ['empty text', '', []],
    ['plain text', 'Hello there', ['Hello there']],
    ['one binding', '{{Input1.text}}', ['[Input1.text]']],
    ['binding with spaces kept', '{{ Input1.text }}', ['[ Input1.text ]']],
    ['text around a binding', 'Hello {{Input1.text}}!', ['Hello ', '[Input1.text]', '!']],
    ['two bindings side by side', '{{a}}{{b}}', ['[a]', '[b]']],
    ['object literal inside', '{{ {a: 1}.a }}', ['[ {a: 1}.a ]']],
    ['nested object literal closing with }}}', '{{ {a: {b: 1}} }}', ['[ {a: {b: 1}} ]']],
    ['object literal right before the closing braces', '{{{a:1}}}', ['[{a:1}]']],
    ['closing braces inside double quotes', '{{ "}}" }}', ['[ "}}" ]']],
    ['closing braces inside single quotes', "{{ '}}' + x }} tail", ["[ '}}' + x ]", ' tail']],
    ['escaped quote inside a string', '{{ "a\\"}}" }}', ['[ "a\\"}}" ]']],
    ['closing braces inside a template literal', '{{ `}}` }}', ['[ `}}` ]']],
    [
      'template literal hole holding an object',
      '{{ `x ${ {c: 2}.c } y` }}',
      ['[ `x ${ {c: 2}.c } y` ]'],
    ],
    ['nested template literals', '{{ `a ${ `b ${ c }` }` }}', ['[ `a ${ `b ${ c }` }` ]']],
    ['a single brace is text', 'a { b } c', ['a { b } c']],
    ['stray closing braces are text', 'a }} b', ['a }} b']],
    [
      'unbalanced quote falls back to the first }}',
      "{{ it's }} and {{ b }}",
      ["[ it's ]", ' and ', '[ b ]'],
    ],
    ['stray single brace inside a binding', '{{ a } }}', ['[ a } ]']],
    ['empty binding', '{{}}', ['[]']],
    ['multi-line binding', 'x {{\n  a +\n  b\n}} y', ['x ', '[\n  a +\n  b\n]', ' y']],
  ];

  it.each(cases)('%s', (_name, text, expected) => {
    const result = scanTemplate(text);
    expect(result.errors).toEqual([]);
    expect(shape(result.segments)).toEqual(expected);
  });

  it('gives every segment its source offsets', () => {
    const text = 'Hi {{ name }}, you have {{ count }} new';
    const { segments } = scanTemplate(text);
    for (const segment of segments) {
      if (segment.kind === 'text')
        expect(text.slice(segment.start, segment.end)).toBe(segment.text);
      else {
        expect(text.slice(segment.start, segment.end)).toBe(`{{${segment.expression}}}`);
        expect(segment.expressionStart).toBe(segment.start + 2);
        expect(
          text.slice(segment.expressionStart, segment.expressionStart + segment.expression.length),
        ).toBe(segment.expression);
      }
    }
    expect(segments.map((segment) => [segment.start, segment.end])).toEqual([
      [0, 3],
      [3, 13],
      [13, 24],
      [24, 35],
      [35, 39],
    ]);
  });

  it('reports an unterminated {{ with its position and keeps the rest as text', () => {
    const result = scanTemplate('Dear {{ name, welcome');
    expect(result.errors).toEqual([
      { kind: 'syntax', message: expect.stringContaining('Unterminated {{'), position: 5, end: 21 },
    ]);
    expect(shape(result.segments)).toEqual(['Dear {{ name, welcome']);
  });

  it('keeps the bindings before an unterminated one', () => {
    const result = scanTemplate('{{ a }} and {{ b');
    expect(shape(result.segments)).toEqual(['[ a ]', ' and {{ b']);
    expect(result.errors.map((error) => error.position)).toEqual([12]);
  });

  it('scans a 1 MB text in linear time', () => {
    const text = 'x'.repeat(500_000) + '{{ a }}' + '{'.repeat(500_000);
    const started = performance.now();
    const result = scanTemplate(text);
    expect(result.segments[1]).toMatchObject({ kind: 'binding', expression: ' a ' });
    expect(performance.now() - started).toBeLessThan(5000); // generous: a quadratic scan would take minutes
  });

  it('reports a 1 MB run of unclosed {{ once, without quadratic rescans', () => {
    const text = '{{'.repeat(500_000);
    const started = performance.now();
    const result = scanTemplate(text);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.position).toBe(0);
    expect(performance.now() - started).toBeLessThan(5000); // generous: a quadratic scan would take minutes
  });
});

describe('scanTemplate on broken texts', () => {
  it('stays linear when many bindings leave a brace open', () => {
    const text = '{{ { }} '.repeat(125_000); // 1 MB, every binding unbalanced
    const started = performance.now();
    const result = scanTemplate(text);
    expect(result.errors).toEqual([]);
    expect(result.segments.filter((segment) => segment.kind === 'binding')).toHaveLength(125_000);
    expect(performance.now() - started).toBeLessThan(5000); // generous: a quadratic scan would take minutes
  });

  it('splits later bindings at the first }} once a quote is left open', () => {
    const result = scanTemplate(`{{ a' }} x {{ "}}" }}`);
    expect(shape(result.segments)).toEqual(["[ a' ]", ' x ', '[ "]', '" }}']);
    // The same second binding on its own is scanned carefully.
    expect(shape(scanTemplate('x {{ "}}" }}').segments)).toEqual(['x ', '[ "}}" ]']);
  });
});
