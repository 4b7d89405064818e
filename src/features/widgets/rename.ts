import { identifierRole, tokenizeTemplate } from '../../bindings';

// Renaming a widget or query rewrites the bindings that read it: inside {{ }} only, whole
// identifiers only (not a property such as Table1.Input1, not an object key such as {Input1: 1},
// not inside a quoted string; but inside a template literal's ${ } holes, which are code).

export function renameInTemplate(text: string, from: string, to: string): string {
  if (!text.includes('{{') || !text.includes(from)) return text;
  const { segments, errors } = tokenizeTemplate(text);
  if (errors.length > 0) return text;
  let out = '';
  let copied = 0;
  for (const segment of segments) {
    if (segment.kind !== 'binding') continue;
    segment.tokens.forEach((token, index) => {
      if (
        token.kind === 'identifier' &&
        token.text === from &&
        identifierRole(segment.tokens, index) === 'reference'
      ) {
        out += text.slice(copied, token.from) + to;
        copied = token.to;
      }
    });
  }
  return out + text.slice(copied);
}
