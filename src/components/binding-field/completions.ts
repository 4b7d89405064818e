// What the field offers after `{{`: names in scope, then a name's properties, then the keys of the
// value a path evaluates to (so `ListMessages.data.` offers `messages`, `next_page_uri`, ...).

export interface SuggestionSource {
  /** Names in scope and the properties each exposes. */
  names: Record<string, string[]>;
  /** The value of a path such as `ListMessages.data`, when it can be evaluated; undefined otherwise. */
  valueOf?: (path: string) => unknown;
}

const MAX_OPTIONS = 50;

/** The path being typed inside an open `{{` that ends at the caret: "Inp", "Input1.te", "" or null outside a binding. */
export function pendingReference(textBeforeCaret: string): string | null {
  const open = textBeforeCaret.lastIndexOf('{{');
  if (open === -1 || textBeforeCaret.lastIndexOf('}}') > open) return null;
  const m = /(?:^|[^\w$.])([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\.?|)$/.exec(
    textBeforeCaret.slice(open + 2),
  );
  return m ? m[1]! : null;
}

const startsWith = (candidate: string, prefix: string) =>
  candidate.toLowerCase().startsWith(prefix.toLowerCase());

/** Full paths to offer for what is being typed, in the order to show them. */
export function suggestionsFor(pending: string, source: SuggestionSource): string[] {
  const dot = pending.lastIndexOf('.');
  if (dot === -1)
    return Object.keys(source.names)
      .filter((n) => startsWith(n, pending))
      .slice(0, MAX_OPTIONS);
  const parent = pending.slice(0, dot);
  const prefix = pending.slice(dot + 1);
  let keys: string[];
  if (!parent.includes('.')) {
    keys = source.names[parent] ?? [];
  } else {
    const value = source.valueOf?.(parent);
    keys =
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.keys(value)
        : [];
    if (Array.isArray(value)) keys = ['length'];
  }
  return keys
    .filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && startsWith(k, prefix))
    .slice(0, MAX_OPTIONS)
    .map((k) => `${parent}.${k}`);
}
