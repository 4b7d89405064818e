import type { BindingError, BindingSegment, Segment, TextSegment } from './types';

// The one tokenizer of field texts: it splits a text into literal text and `{{ expr }}` bindings
// and, on request, each binding into the tokens the editor highlights and renaming rewrites. Every
// offset is in the field text.

/**
 * A token inside a binding. A template string is its literal runs (`template`, with the backtick
 * that opens or closes it) around its holes: `hole-start` (`${`), the hole's own tokens, then
 * `hole-end` (`}`). Whitespace is not a token.
 */
export type ExpressionTokenKind =
  'identifier' | 'number' | 'string' | 'template' | 'hole-start' | 'hole-end' | 'punctuation';

export interface ExpressionToken {
  kind: ExpressionTokenKind;
  text: string;
  from: number;
  to: number;
}

export interface TokenizedBindingSegment extends BindingSegment {
  tokens: readonly ExpressionToken[];
}

export type TokenizedSegment = TextSegment | TokenizedBindingSegment;

export interface ScanResult<S extends Segment = Segment> {
  segments: S[];
  errors: BindingError[];
}

/**
 * Splits a field text into literal text and `{{ expr }}` bindings.
 *
 * A regex cannot tell the `}}` that closes a binding from one inside `{{ {a: {b: 1}} }}` or
 * `{{ "}}" }}`, so this counts braces and skips quoted strings and template literals (with their
 * `${ }` holes). When that careful scan runs off the end, most likely because of a stray quote, it
 * falls back to the first `}}` (for this and later bindings) so the parser can report the real
 * mistake; only a `{{` with no `}}` after it at all is reported here. Linear in the text's length.
 */
export function scanTemplate(text: string): ScanResult {
  return scan(text, false);
}

/** What scanTemplate gives, with each binding's tokens. */
export function tokenizeTemplate(text: string): ScanResult<TokenizedSegment> {
  return scan(text, true) as ScanResult<TokenizedSegment>;
}

/** The binding of a field that is exactly one binding (whitespace around it allowed), if it is. */
export function soleBinding<S extends Segment>(
  segments: readonly S[],
): Extract<S, { kind: 'binding' }> | undefined {
  let found: Extract<S, { kind: 'binding' }> | undefined;
  for (const segment of segments) {
    if (segment.kind === 'text') {
      if (segment.text.trim() !== '') return undefined;
    } else if (found) return undefined;
    else found = segment as Extract<S, { kind: 'binding' }>;
  }
  return found;
}

/**
 * The names of a plain path a field holds and nothing else: `{{ Q.data.messages }}` gives
 * `['Q', 'data', 'messages']`; anything else (text around it, an operator, a call, `[i]`) gives null.
 */
export function bindingPath(text: string): string[] | null {
  const { segments, errors } = tokenizeTemplate(text);
  const binding = errors.length === 0 ? soleBinding(segments) : undefined;
  if (!binding || binding.tokens.length % 2 === 0) return null;
  const names: string[] = [];
  for (const [i, token] of binding.tokens.entries()) {
    if (i % 2 === 0 ? token.kind !== 'identifier' : token.text !== '.') return null;
    if (i % 2 === 0) names.push(token.text);
  }
  return names;
}

/**
 * What the identifier at `index` is: a property (`Input1.text`'s `text`, also after `?.`), an
 * object key (`{to: 1}`'s `to`), or a reference to a name in scope.
 */
export function identifierRole(
  tokens: readonly ExpressionToken[],
  index: number,
): 'reference' | 'property' | 'key' {
  const before = tokens[index - 1];
  if (before?.kind === 'punctuation') {
    if (before.text === '.' || before.text === '?.') return 'property';
    if ((before.text === '{' || before.text === ',') && tokens[index + 1]?.text === ':')
      return 'key';
  }
  return 'reference';
}

function scan(text: string, withTokens: boolean): ScanResult<Segment | TokenizedSegment> {
  const segments: (Segment | TokenizedSegment)[] = [];
  const errors: BindingError[] = [];
  let textStart = 0;
  let index = 0;
  let careful = true;

  const pushText = (end: number) => {
    if (end > textStart)
      segments.push({ kind: 'text', text: text.slice(textStart, end), start: textStart, end });
  };

  while (index < text.length) {
    const open = text.indexOf('{{', index);
    if (open === -1) break;
    const exprStart = open + 2;
    let tokens: ExpressionToken[] | null = withTokens ? [] : null;
    let close = careful ? lex(text, exprStart, text.length, tokens, true) : -1;
    if (close === -1) {
      // The careful scan read to the end of the text; doing that again for every later binding
      // would be quadratic, so the rest of this (already broken) text is split naively.
      careful = false;
      close = text.indexOf('}}', exprStart);
      if (close !== -1 && tokens) {
        tokens = [];
        lex(text, exprStart, close, tokens, false);
      }
    }
    if (close === -1) {
      errors.push({
        kind: 'syntax',
        message: 'Unterminated {{: add the closing }}',
        position: open,
        end: text.length,
      });
      break;
    }
    pushText(open);
    const binding: BindingSegment = {
      kind: 'binding',
      expression: text.slice(exprStart, close),
      start: open,
      end: close + 2,
      expressionStart: exprStart,
    };
    segments.push(tokens ? { ...binding, tokens } : binding);
    index = close + 2;
    textStart = index;
  }
  textStart = Math.min(textStart, text.length);
  pushText(text.length);
  return { segments, errors };
}

type Frame = { kind: 'code'; depth: number } | { kind: 'template'; runStart: number };

const PUNCTUATORS = [
  '...',
  '===',
  '!==',
  '>>>',
  '?.',
  '??',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '**',
  '<<',
  '>>',
  '=>',
];

/**
 * Reads the expression from `from` up to `limit`. With `stopAtClose` it returns the offset of the
 * `}}` that closes the binding, or -1 when there is none before `limit`; otherwise it reads to
 * `limit`. Tokens go to `out` when given; without it, only what can hide a `}}` (quotes, template
 * strings, braces) is looked at, which keeps evaluation's scan as cheap as it was.
 */
function lex(
  text: string,
  from: number,
  limit: number,
  out: ExpressionToken[] | null,
  stopAtClose: boolean,
): number {
  const stack: Frame[] = [{ kind: 'code', depth: 0 }];
  let i = from;
  while (i < limit) {
    const frame = stack[stack.length - 1]!;
    const ch = text[i]!;
    if (frame.kind === 'template') {
      if (ch === '\\') i += 2;
      else if (ch === '`') {
        if (out) emit(out, text, limit, 'template', frame.runStart, i + 1);
        stack.pop();
        i += 1;
      } else if (ch === '$' && text[i + 1] === '{') {
        if (out) emit(out, text, limit, 'template', frame.runStart, i);
        if (out) emit(out, text, limit, 'hole-start', i, i + 2);
        stack.push({ kind: 'code', depth: 0 });
        i += 2;
      } else i += 1;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < limit && text[j] !== ch) j += text[j] === '\\' ? 2 : 1;
      if (out) emit(out, text, limit, 'string', i, j + 1);
      i = j + 1;
    } else if (ch === '`') {
      stack.push({ kind: 'template', runStart: i });
      i += 1;
    } else if (ch === '{') {
      frame.depth += 1;
      if (out) emit(out, text, limit, 'punctuation', i, i + 1);
      i += 1;
    } else if (ch === '}') {
      if (frame.depth > 0) {
        frame.depth -= 1;
        if (out) emit(out, text, limit, 'punctuation', i, i + 1);
      } else if (stack.length > 1) {
        if (out) emit(out, text, limit, 'hole-end', i, i + 1);
        stack.pop();
        (stack[stack.length - 1] as { runStart: number }).runStart = i + 1;
      } else if (stopAtClose && text[i + 1] === '}') return i;
      else if (out) emit(out, text, limit, 'punctuation', i, i + 1);
      i += 1;
    } else if (!out) i += 1;
    else i = lexWord(text, i, limit, out);
  }
  // Ran out inside a template string: its last literal run ends here.
  const top = stack[stack.length - 1]!;
  if (out && top.kind === 'template') emit(out, text, limit, 'template', top.runStart, limit);
  return -1;
}

/** Reads one identifier, number or punctuator (or skips whitespace) at `i`; returns where it ends. */
function lexWord(text: string, i: number, limit: number, out: ExpressionToken[]): number {
  const ch = text[i]!;
  if (isIdentifierChar(ch) && !isDigit(ch)) {
    let j = i + 1;
    while (j < limit && isIdentifierChar(text[j]!)) j += 1;
    emit(out, text, limit, 'identifier', i, j);
    return j;
  }
  if (isDigit(ch) || (ch === '.' && isDigit(text[i + 1]))) {
    // As jsep reads numbers: digits, a fraction, an exponent.
    let j = i;
    while (j < limit && isDigit(text[j])) j += 1;
    if (text[j] === '.') {
      j += 1;
      while (j < limit && isDigit(text[j])) j += 1;
    }
    if (text[j] === 'e' || text[j] === 'E') {
      let k = j + 1;
      if (text[k] === '+' || text[k] === '-') k += 1;
      if (isDigit(text[k])) {
        while (k < limit && isDigit(text[k])) k += 1;
        j = k;
      }
    }
    emit(out, text, limit, 'number', i, j);
    return j;
  }
  if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') return i + 1;
  // `a?.5:b` is a conditional, not optional chaining.
  const punctuator = PUNCTUATORS.find(
    (p) => text.startsWith(p, i) && !(p === '?.' && isDigit(text[i + 2])),
  );
  const end = i + (punctuator?.length ?? 1);
  emit(out, text, limit, 'punctuation', i, end);
  return end;
}

function emit(
  out: ExpressionToken[],
  text: string,
  limit: number,
  kind: ExpressionTokenKind,
  start: number,
  end: number,
): void {
  const to = Math.min(end, limit);
  if (to > start) out.push({ kind, text: text.slice(start, to), from: start, to });
}

const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

/** Letters, digits, `_`, `$` and (as jsep allows) any character past ASCII. */
function isIdentifierChar(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 ||
    code === 36 ||
    code >= 128
  );
}
