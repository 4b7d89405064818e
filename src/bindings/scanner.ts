import type { BindingError, Segment } from './types';

export interface ScanResult {
  segments: Segment[];
  errors: BindingError[];
}

type Frame = { kind: 'code'; depth: number } | { kind: 'template' };

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
  const segments: Segment[] = [];
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
    let close = careful ? findClose(text, exprStart) : -1;
    if (close === -1) {
      // The careful scan read to the end of the text; doing that again for every later binding
      // would be quadratic, so the rest of this (already broken) text is split naively.
      careful = false;
      close = text.indexOf('}}', exprStart);
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
    segments.push({
      kind: 'binding',
      expression: text.slice(exprStart, close),
      start: open,
      end: close + 2,
      expressionStart: exprStart,
    });
    index = close + 2;
    textStart = index;
  }
  textStart = Math.min(textStart, text.length);
  pushText(text.length);
  return { segments, errors };
}

/** Offset of the `}}` that closes the binding whose expression starts at `from`, or -1. */
function findClose(text: string, from: number): number {
  const stack: Frame[] = [{ kind: 'code', depth: 0 }];
  let i = from;
  while (i < text.length) {
    const frame = stack[stack.length - 1]!;
    const ch = text[i];
    if (frame.kind === 'template') {
      if (ch === '\\') i += 2;
      else if (ch === '`') {
        stack.pop();
        i += 1;
      } else if (ch === '$' && text[i + 1] === '{') {
        stack.push({ kind: 'code', depth: 0 });
        i += 2;
      } else i += 1;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const after = skipQuoted(text, i);
      if (after === -1) return -1;
      i = after;
    } else if (ch === '`') {
      stack.push({ kind: 'template' });
      i += 1;
    } else if (ch === '{') {
      frame.depth += 1;
      i += 1;
    } else if (ch === '}') {
      if (frame.depth > 0) frame.depth -= 1;
      else if (stack.length > 1)
        stack.pop(); // the `}` that ends a template literal's `${` hole
      else if (text[i + 1] === '}') return i;
      i += 1;
    } else i += 1;
  }
  return -1;
}

/** Offset just past the string literal opening at `start`, or -1 when it never closes. */
function skipQuoted(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') i += 2;
    else if (ch === quote) return i + 1;
    else i += 1;
  }
  return -1;
}
