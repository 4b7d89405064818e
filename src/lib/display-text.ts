/**
 * A value as text in a widget or a cell: strings as they are, nothing for null and undefined,
 * lists and objects as JSON (never "[object Object]").
 */
export function displayText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'undefined':
      return '';
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'symbol':
      return value.description ?? '';
    case 'function':
      return '[function]';
    case 'object':
      if (value === null) return '';
      try {
        return JSON.stringify(value) ?? '';
      } catch {
        return '[value that cannot be shown as JSON]';
      }
  }
}
