import { scanTemplate } from '../../bindings';

// Renaming a widget or query rewrites the bindings that read it: inside {{ }} only, whole
// identifiers only (not a property such as Table1.Input1, not an object key such as {Input1: 1},
// not inside a quoted string; but inside a template literal's ${ } holes, which are code).

const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[A-Za-z0-9_$]/;

/**
 * Copies `expression` from `start`, renaming references, until the end or (when `inHole`) the `}`
 * that closes a template literal's `${`. Returns the text and the index it stopped at.
 */
function renameCode(
  expression: string,
  start: number,
  from: string,
  to: string,
  inHole: boolean,
): { out: string; end: number } {
  let out = '';
  let i = start;
  let depth = 0;
  while (i < expression.length) {
    const ch = expression[i]!;
    if (ch === '{') depth += 1;
    if (ch === '}') {
      if (inHole && depth === 0) return { out, end: i };
      depth -= 1;
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < expression.length && expression[j] !== ch) j += expression[j] === '\\' ? 2 : 1;
      out += expression.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '`') {
      out += ch;
      i += 1;
      while (i < expression.length && expression[i] !== '`') {
        if (expression[i] === '\\') {
          out += expression.slice(i, i + 2);
          i += 2;
        } else if (expression.startsWith('${', i)) {
          const hole = renameCode(expression, i + 2, from, to, true);
          out += '${' + hole.out + (expression[hole.end] ?? '');
          i = hole.end + 1;
        } else {
          out += expression[i];
          i += 1;
        }
      }
      out += expression[i] ?? '';
      i += 1;
      continue;
    }
    if (IDENT_START.test(ch)) {
      let j = i + 1;
      while (j < expression.length && IDENT_PART.test(expression[j]!)) j += 1;
      const word = expression.slice(i, j);
      const before = expression.slice(0, i).trimEnd();
      const after = expression.slice(j).trimStart();
      const isProperty = before.endsWith('.') && !before.endsWith('..');
      const isKey = (before.endsWith('{') || before.endsWith(',')) && after.startsWith(':');
      out += word === from && !isProperty && !isKey ? to : word;
      i = j;
      continue;
    }
    out += ch;
    i += 1;
  }
  return { out, end: i };
}

export function renameInTemplate(text: string, from: string, to: string): string {
  if (!text.includes('{{') || !text.includes(from)) return text;
  const { segments, errors } = scanTemplate(text);
  if (errors.length > 0) return text;
  return segments
    .map((s) =>
      s.kind === 'text' ? s.text : `{{${renameCode(s.expression, 0, from, to, false).out}}}`,
    )
    .join('');
}
