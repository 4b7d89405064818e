/** A value as the field shows it: JSON (strings quoted), cut at `max` characters. */
export function describeValue(value: unknown, max = 300): string {
  if (value === undefined) return 'undefined';
  let text: string;
  if (typeof value === 'function') text = 'a function';
  else if (typeof value === 'symbol' || typeof value === 'bigint') text = value.toString();
  else {
    try {
      text = JSON.stringify(value);
    } catch {
      text = 'a value that cannot be shown as JSON';
    }
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
