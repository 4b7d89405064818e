import { identifierRole, tokenizeTemplate } from '../../bindings/scanner';

// The highlighted spans of a field's text: the `{{` `}}` delimiters, the expression between them,
// and inside it strings (the literal runs of template strings too, not their `${ }` holes),
// numbers, keywords and names in scope. Pure, so it is tested without an editor.

export type TokenKind =
  'brace' | 'expression' | 'string' | 'number' | 'keyword' | 'name' | 'unknown-name';

export interface Token {
  kind: TokenKind;
  from: number;
  to: number;
}

const KEYWORDS = new Set(['true', 'false', 'null', 'undefined', 'typeof', 'in']);

/** Tokens in document order; `isName` says whether a root identifier is in scope. */
export function bindingTokens(text: string, isName: (name: string) => boolean): Token[] {
  const out: Token[] = [];
  for (const segment of tokenizeTemplate(text).segments) {
    if (segment.kind !== 'binding') continue;
    const closeAt = segment.end - 2;
    out.push({ kind: 'brace', from: segment.start, to: segment.expressionStart });
    if (closeAt > segment.expressionStart)
      out.push({ kind: 'expression', from: segment.expressionStart, to: closeAt });
    segment.tokens.forEach((token, index) => {
      const { from, to } = token;
      if (token.kind === 'string' || token.kind === 'template')
        out.push({ kind: 'string', from, to });
      else if (token.kind === 'number') out.push({ kind: 'number', from, to });
      else if (token.kind !== 'identifier') return;
      else if (KEYWORDS.has(token.text)) out.push({ kind: 'keyword', from, to });
      // A property (`Input1.text`'s `text`) or an object key is not a name in scope.
      else if (identifierRole(segment.tokens, index) === 'reference')
        out.push({ kind: isName(token.text) ? 'name' : 'unknown-name', from, to });
    });
    out.push({ kind: 'brace', from: closeAt, to: segment.end });
  }
  return out;
}
