import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bindingPath,
  identifierRole,
  scanTemplate,
  soleBinding,
  tokenizeTemplate,
  type ExpressionToken,
  type TokenizedBindingSegment,
} from '../../../src/bindings';

// The one tokenizer of field texts: segments, and inside each binding its tokens, with offsets in
// the field text.

function bindings(text: string): TokenizedBindingSegment[] {
  return tokenizeTemplate(text).segments.filter(
    (s): s is TokenizedBindingSegment => s.kind === 'binding',
  );
}

/** Each token as [kind, text, from]. */
const picture = (tokens: readonly ExpressionToken[]) => tokens.map((t) => [t.kind, t.text, t.from]);

describe('tokenizeTemplate', () => {
  it('gives each token of a binding its offsets in the field text', () => {
    const text = 'Hi {{ Input1.text ?? "you" }}!';
    const [binding] = bindings(text);
    expect(picture(binding!.tokens)).toEqual([
      ['identifier', 'Input1', 6],
      ['punctuation', '.', 12],
      ['identifier', 'text', 13],
      ['punctuation', '??', 18],
      ['string', '"you"', 21],
    ]);
    for (const t of binding!.tokens) expect(text.slice(t.from, t.to)).toBe(t.text);
  });

  it('keeps the segments scanTemplate gives', () => {
    const text = 'a {{ b }} c {{ `d ${e}` }}';
    const tokenized = tokenizeTemplate(text);
    expect(tokenized.segments.map(({ kind, start, end }) => ({ kind, start, end }))).toEqual(
      scanTemplate(text).segments.map(({ kind, start, end }) => ({ kind, start, end })),
    );
  });

  it('splits a template string into its literal runs and the tokens of its ${} holes', () => {
    const text = '{{ `Dear ${Input1.text}, ${ {a: 1}.a } ok` }}';
    const [binding] = bindings(text);
    expect(picture(binding!.tokens)).toEqual([
      ['template', '`Dear ', 3],
      ['hole-start', '${', 9],
      ['identifier', 'Input1', 11],
      ['punctuation', '.', 17],
      ['identifier', 'text', 18],
      ['hole-end', '}', 22],
      ['template', ', ', 23],
      ['hole-start', '${', 25],
      ['punctuation', '{', 28],
      ['identifier', 'a', 29],
      ['punctuation', ':', 30],
      ['number', '1', 32],
      ['punctuation', '}', 33],
      ['punctuation', '.', 34],
      ['identifier', 'a', 35],
      ['hole-end', '}', 37],
      ['template', ' ok`', 38],
    ]);
    expect(binding!.end).toBe(text.length);
  });

  it('reads template strings nested in a hole, and escapes in the literal runs', () => {
    const [binding] = bindings('{{ `a ${ `b ${c}` } \\` d` }}');
    expect(picture(binding!.tokens)).toEqual([
      ['template', '`a ', 3],
      ['hole-start', '${', 6],
      ['template', '`b ', 9],
      ['hole-start', '${', 12],
      ['identifier', 'c', 14],
      ['hole-end', '}', 15],
      ['template', '`', 16],
      ['hole-end', '}', 18],
      ['template', ' \\` d`', 19],
    ]);
  });

  it('leaves out empty literal runs between holes', () => {
    const [binding] = bindings('{{`${a}${b}`}}');
    expect(binding!.tokens.map((t) => t.kind)).toEqual([
      'template',
      'hole-start',
      'identifier',
      'hole-end',
      'hole-start',
      'identifier',
      'hole-end',
      'template',
    ]);
  });

  it('keeps braces and }} inside strings in the string token', () => {
    const text = `{{ "}}" + '{' + "a\\"}" }} tail`;
    const [binding] = bindings(text);
    expect(picture(binding!.tokens)).toEqual([
      ['string', '"}}"', 3],
      ['punctuation', '+', 8],
      ['string', "'{'", 10],
      ['punctuation', '+', 14],
      ['string', '"a\\"}"', 16],
    ]);
    expect(text.slice(binding!.end)).toBe(' tail');
  });

  it('reads object literals, closing braces included, up to the }} that ends the binding', () => {
    const [binding] = bindings('{{{a:{b:1}}}}');
    expect(binding!.tokens.map((t) => t.text)).toEqual([
      '{',
      'a',
      ':',
      '{',
      'b',
      ':',
      '1',
      '}',
      '}',
    ]);
  });

  it('gives an unclosed {{ no binding and no tokens, only the error', () => {
    const result = tokenizeTemplate('Dear {{ Input1.text, welcome');
    expect(result.segments).toEqual([
      { kind: 'text', text: 'Dear {{ Input1.text, welcome', start: 0, end: 28 },
    ]);
    expect(result.errors).toMatchObject([{ kind: 'syntax', position: 5, end: 28 }]);
  });

  it('keeps the tokens of the bindings before an unclosed {{', () => {
    const result = tokenizeTemplate('{{ a }} and {{ b');
    expect(result.segments).toHaveLength(2);
    expect(picture((result.segments[0] as TokenizedBindingSegment).tokens)).toEqual([
      ['identifier', 'a', 3],
    ]);
  });

  it('ends an unclosed string at the }} it falls back to', () => {
    const [first, second] = bindings(`{{ it's }} and {{ b }}`);
    expect(picture(first!.tokens)).toEqual([
      ['identifier', 'it', 3],
      ['string', "'s ", 5],
    ]);
    expect(picture(second!.tokens)).toEqual([['identifier', 'b', 18]]);
  });

  it('ends an unclosed template string at the }} it falls back to', () => {
    const [binding] = bindings('{{ `a ${b }}');
    expect(picture(binding!.tokens)).toEqual([
      ['template', '`a ', 3],
      ['hole-start', '${', 6],
      ['identifier', 'b', 8],
    ]);
    expect(picture(bindings('{{ `ab }}')[0]!.tokens)).toEqual([['template', '`ab ', 3]]);
  });

  it('reads numbers as jsep does', () => {
    const [binding] = bindings('{{ 0 + 1.5e3 + .5 + 2E-2 + 3e + x1 }}');
    expect(binding!.tokens.filter((t) => t.kind === 'number').map((t) => t.text)).toEqual([
      '0',
      '1.5e3',
      '.5',
      '2E-2',
      '3',
    ]);
    expect(binding!.tokens.filter((t) => t.kind === 'identifier').map((t) => t.text)).toEqual([
      'e',
      'x1',
    ]);
  });

  it('reads operators whole, and ?. before a digit as a conditional', () => {
    const [binding] = bindings('{{ [...a] === b?.c && d !== e ? f?.5:g }}');
    expect(binding!.tokens.filter((t) => t.kind === 'punctuation').map((t) => t.text)).toEqual([
      '[',
      '...',
      ']',
      '===',
      '?.',
      '&&',
      '!==',
      '?',
      '?',
      ':',
    ]);
  });

  it('reads names past ASCII whole, as jsep does', () => {
    expect(bindings('{{ café }}')[0]!.tokens.map((t) => t.text)).toEqual(['café']);
  });

  it('gives every token inside its binding, in order, without overlap, for any text', () => {
    const soup = fc
      .array(
        fc.constantFrom('{{', '}}', '{', '}', '`', '${', '"', "'", '\\', 'a', '1', '.', ' ', '?.'),
        { maxLength: 40 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(soup, fc.string({ maxLength: 60 })), (text) => {
        for (const binding of bindings(text)) {
          let at = binding.expressionStart;
          for (const token of binding.tokens) {
            expect(token.from).toBeGreaterThanOrEqual(at);
            expect(token.to).toBeGreaterThan(token.from);
            expect(token.to).toBeLessThanOrEqual(binding.end - 2);
            expect(text.slice(token.from, token.to)).toBe(token.text);
            at = token.to;
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('identifierRole', () => {
  const roles = (text: string) => {
    const tokens = bindings(text)[0]!.tokens;
    return tokens.flatMap((t, i) =>
      t.kind === 'identifier' ? [`${t.text}:${identifierRole(tokens, i)}`] : [],
    );
  };

  it('tells references from properties and object keys', () => {
    expect(roles('{{ {to: Input1.text, b: c?.d} }}')).toEqual([
      'to:key',
      'Input1:reference',
      'text:property',
      'b:key',
      'c:reference',
      'd:property',
    ]);
  });

  it('reads a name after a spread, in a ternary and in a hole as a reference', () => {
    expect(roles('{{ [...a, b ? c : d, `${e}`] }}')).toEqual([
      'a:reference',
      'b:reference',
      'c:reference',
      'd:reference',
      'e:reference',
    ]);
  });
});

describe('soleBinding and bindingPath', () => {
  it('finds the one binding of a field with only whitespace around it', () => {
    expect(soleBinding(scanTemplate(' {{ a }}\n').segments)).toMatchObject({ expression: ' a ' });
    expect(soleBinding(scanTemplate('x{{ a }}').segments)).toBeUndefined();
    expect(soleBinding(scanTemplate('{{ a }}{{ b }}').segments)).toBeUndefined();
    expect(soleBinding(scanTemplate('plain').segments)).toBeUndefined();
  });

  it.each<[string, string[] | null]>([
    ['{{ListMessages.data.messages}}', ['ListMessages', 'data', 'messages']],
    ['  {{ Q . data.messages }}\n', ['Q', 'data', 'messages']],
    ['{{Q}}', ['Q']],
    ['x {{Q.data.messages}}', null],
    ['{{Q.data.messages[0]}}', null],
    ['{{Q?.data}}', null],
    ['{{Q.data.}}', null],
    ['{{Q.data.messages()}}', null],
    ['{{"Q.data"}}', null],
    ['{{}}', null],
    ['{{Q.data', null],
  ])('%j reads %j', (text, expected) => {
    expect(bindingPath(text)).toEqual(expected);
  });
});
