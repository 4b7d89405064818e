import { describe, expect, it } from 'vitest';
import {
  bindingTokens,
  pendingReference,
  suggestionsFor,
  type Token,
} from '../../../../src/components/binding-field';

// What the binding editor highlights and offers, as pure functions of the text.

const inScope = (name: string) => ['Input1', 'ListMessages'].includes(name);
const spans = (text: string, tokens: Token[]) =>
  tokens.map((t) => [t.kind, text.slice(t.from, t.to)]);

describe('bindingTokens', () => {
  it.each<[string, string[][]]>([
    ['plain text', []],
    [
      '{{Input1.text}}',
      [
        ['brace', '{{'],
        ['expression', 'Input1.text'],
        ['name', 'Input1'],
        ['brace', '}}'],
      ],
    ],
    [
      'Hi {{ Input1.text.length > 3 ? "long" : \'short\' }}!',
      [
        ['brace', '{{'],
        ['expression', ' Input1.text.length > 3 ? "long" : \'short\' '],
        ['name', 'Input1'],
        ['number', '3'],
        ['string', '"long"'],
        ['string', "'short'"],
        ['brace', '}}'],
      ],
    ],
    [
      '{{ Nobody }}',
      [
        ['brace', '{{'],
        ['expression', ' Nobody '],
        ['unknown-name', 'Nobody'],
        ['brace', '}}'],
      ],
    ],
    [
      '{{ true && null }}',
      [
        ['brace', '{{'],
        ['expression', ' true && null '],
        ['keyword', 'true'],
        ['keyword', 'null'],
        ['brace', '}}'],
      ],
    ],
    // A `}}` inside a string does not close the binding (the scanner counts braces and quotes).
    [
      '{{ "}}" }}',
      [
        ['brace', '{{'],
        ['expression', ' "}}" '],
        ['string', '"}}"'],
        ['brace', '}}'],
      ],
    ],
    [
      '{{}}',
      [
        ['brace', '{{'],
        ['brace', '}}'],
      ],
    ],
    [
      '{{ ListMessages.data.messages[0].to }}',
      [
        ['brace', '{{'],
        ['expression', ' ListMessages.data.messages[0].to '],
        ['name', 'ListMessages'],
        ['number', '0'],
        ['brace', '}}'],
      ],
    ],
  ])('%s', (text, expected) => {
    expect(spans(text, bindingTokens(text, inScope))).toEqual(expected);
  });

  // The regex this replaced read a whole template string as one string: `Input1` in the hole was
  // not a name, and a `}` in the hole's object literal ended nothing it knew of.
  it('highlights the code in the ${} holes of a template string, the rest as string', () => {
    const text = '{{ `Dear ${Input1.text}, ${ {n: 2}.n } ok` }}';
    expect(spans(text, bindingTokens(text, inScope))).toEqual([
      ['brace', '{{'],
      ['expression', ' `Dear ${Input1.text}, ${ {n: 2}.n } ok` '],
      ['string', '`Dear '],
      ['name', 'Input1'],
      ['string', ', '],
      ['number', '2'],
      ['string', ' ok`'],
      ['brace', '}}'],
    ]);
  });

  it('marks a name in a hole unknown when it is not in scope', () => {
    const text = '{{ `${Nobody}` }}';
    expect(spans(text, bindingTokens(text, inScope))).toContainEqual(['unknown-name', 'Nobody']);
  });

  it('does not take an object key for a name, but does a spread name', () => {
    const text = '{{ {to: Input1.text, all: [...Nobody]} }}';
    expect(
      spans(text, bindingTokens(text, inScope)).filter(([kind]) => kind?.endsWith('name')),
    ).toEqual([
      ['name', 'Input1'],
      ['unknown-name', 'Nobody'],
    ]);
  });

  it('leaves an unterminated {{ unhighlighted (the preview reports it)', () => {
    expect(bindingTokens('Hi {{ Input1.text', inScope)).toEqual([]);
  });

  it('stays linear on a long text', () => {
    const text = 'x {{ Input1.text }} '.repeat(5000);
    expect(bindingTokens(text, inScope)).toHaveLength(5000 * 4);
  });
});

describe('pendingReference', () => {
  it.each<[string, string | null]>([
    ['', null],
    ['Inp', null],
    ['{{', ''],
    ['{{ ', ''],
    ['{{Inp', 'Inp'],
    ['Hi {{ Input1.te', 'Input1.te'],
    ['{{Input1.', 'Input1.'],
    ['{{ a + Input1.t', 'Input1.t'],
    ['{{Input1.text}} Inp', null],
    ['{{ "x" + Inp', 'Inp'],
    ['{{ 12', null], // a number is not a name
  ])('%j → %j', (before, expected) => {
    expect(pendingReference(before)).toBe(expected);
  });
});

describe('suggestionsFor', () => {
  const source = {
    names: { Input1: ['text', 'isValid'], ListMessages: ['data', 'isLoading'] },
    valueOf: (path: string) =>
      path === 'ListMessages.data'
        ? { messages: [], next_page_uri: null, 'odd-key': 1 }
        : path === 'ListMessages.data.messages'
          ? []
          : undefined,
  };
  it.each<[string, string[]]>([
    ['', ['Input1', 'ListMessages']],
    ['inp', ['Input1']],
    ['Input1.', ['Input1.text', 'Input1.isValid']],
    ['Input1.is', ['Input1.isValid']],
    ['ListMessages.data.', ['ListMessages.data.messages', 'ListMessages.data.next_page_uri']],
    ['ListMessages.data.messages.', ['ListMessages.data.messages.length']],
    ['Nobody.', []],
    ['Input1.text.', []],
  ])('%j', (pending, expected) => {
    expect(suggestionsFor(pending, source)).toEqual(expected);
  });
});
