/** What an audit event says of a change: each field that changed, before and after. */
export type Changes = Record<string, { before: unknown; after: unknown } | '(changed)'>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields of `before` and `after` named in `fields` that differ. A secret is never written:
 * compare what stands for it (its sealed form) and record only that it changed.
 */
export function changesOf<T extends object>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
  secrets: Record<string, { before: unknown; after: unknown }> = {},
): Changes {
  const changes: Changes = {};
  for (const field of fields)
    if (!same(before[field], after[field]))
      changes[field] = { before: before[field] ?? null, after: after[field] ?? null };
  for (const [name, { before: b, after: a }] of Object.entries(secrets))
    if (!same(b, a)) changes[name] = '(changed)';
  return changes;
}
