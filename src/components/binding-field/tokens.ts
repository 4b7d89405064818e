import { scanTemplate } from '../../bindings/scanner';

// The highlighted spans of a field's text: the `{{` `}}` delimiters, the expression between them,
// and inside it strings, numbers, keywords and names in scope. Pure, so it is tested without an editor.

export type TokenKind =
  'brace' | 'expression' | 'string' | 'number' | 'keyword' | 'name' | 'unknown-name';

export interface Token {
  kind: TokenKind;
  from: number;
  to: number;
}

const KEYWORDS = new Set(['true', 'false', 'null', 'undefined', 'typeof', 'in']);
const EXPRESSION_TOKEN =
  /(["'`])(?:\\.|(?!\1)[^\\])*\1?|\d+(?:\.\d+)?(?:e[+-]?\d+)?|[A-Za-z_$][\w$]*/gy;

/** Tokens in document order; `isName` says whether a root identifier is in scope. */
export function bindingTokens(text: string, isName: (name: string) => boolean): Token[] {
  const tokens: Token[] = [];
  for (const segment of scanTemplate(text).segments) {
    if (segment.kind !== 'binding') continue;
    const closeAt = segment.end - 2;
    tokens.push({ kind: 'brace', from: segment.start, to: segment.expressionStart });
    if (closeAt > segment.expressionStart)
      tokens.push({ kind: 'expression', from: segment.expressionStart, to: closeAt });
    tokenizeExpression(text, segment.expressionStart, closeAt, isName, tokens);
    tokens.push({ kind: 'brace', from: closeAt, to: segment.end });
  }
  return tokens;
}

function tokenizeExpression(
  text: string,
  from: number,
  to: number,
  isName: (name: string) => boolean,
  out: Token[],
): void {
  const source = text.slice(from, to);
  let index = 0;
  while (index < source.length) {
    EXPRESSION_TOKEN.lastIndex = index;
    const match = EXPRESSION_TOKEN.exec(source);
    if (!match) {
      index += 1;
      continue;
    }
    const word = match[0];
    const start = from + index;
    const end = start + word.length;
    index += word.length;
    const first = word[0]!;
    if (first === '"' || first === "'" || first === '`')
      out.push({ kind: 'string', from: start, to: end });
    else if (/\d/.test(first)) out.push({ kind: 'number', from: start, to: end });
    else if (KEYWORDS.has(word)) out.push({ kind: 'keyword', from: start, to: end });
    else if (!precededByDot(source, start - from))
      out.push({ kind: isName(word) ? 'name' : 'unknown-name', from: start, to: end });
  }
}

/** A property after a dot (`Input1.text`'s `text`) is not a name in scope. */
function precededByDot(source: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i -= 1) {
    const ch = source[i]!;
    if (ch === '.') return true;
    if (ch !== ' ' && ch !== '\t' && ch !== '\n') return false;
  }
  return false;
}
