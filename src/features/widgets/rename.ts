import { scanTemplate } from '../../bindings';

// Renaming a widget or query rewrites the bindings that read it: inside {{ }} only, whole
// identifiers only (not a property such as Table1.Input1, not inside a quoted string).

function renameInExpression(expression: string, from: string, to: string): string {
  let out = '';
  let i = 0;
  let quote: string | null = null;
  while (i < expression.length) {
    const ch = expression[i]!;
    if (quote) {
      out += ch;
      if (ch === '\\') {
        out += expression[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (ch === quote) quote = null;
      i += 1;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') {
      quote = ch;
      out += ch;
      i += 1;
      continue;
    }
    if (/[A-Za-z_$]/.test(ch)) {
      let j = i + 1;
      while (j < expression.length && /[A-Za-z0-9_$]/.test(expression[j]!)) j += 1;
      const word = expression.slice(i, j);
      const before = expression.slice(0, i).trimEnd();
      const isProperty = before.endsWith('.') && !before.endsWith('..');
      out += word === from && !isProperty ? to : word;
      i = j;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}

export function renameInTemplate(text: string, from: string, to: string): string {
  if (!text.includes('{{') || !text.includes(from)) return text;
  const { segments, errors } = scanTemplate(text);
  if (errors.length > 0) return text;
  return segments
    .map((s) => (s.kind === 'text' ? s.text : `{{${renameInExpression(s.expression, from, to)}}}`))
    .join('');
}
