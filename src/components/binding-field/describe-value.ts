/** A value as the field shows it: JSON (strings quoted), cut at `max` characters. */
export function describeValue(value: unknown, max = 300): string {
  if (value === undefined) return 'undefined';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
