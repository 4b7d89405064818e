import type { z } from 'zod';

// Names that {{ }} bindings can never read: the evaluator refuses them as property names, since
// they lead to prototypes and accessors instead of data. A query or widget given one would save but
// stay out of reach, so the name schemas refuse them too. One list, for the engine and the schemas.

const UNREACHABLE_NAMES = new Set([
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

export function isBlockedName(name: string): boolean {
  return UNREACHABLE_NAMES.has(name);
}

/** Why `name` cannot name a query or widget, or null when it can as far as bindings go. */
export function unreachableNameMessage(name: string): string | null {
  return isBlockedName(name)
    ? `${name} cannot be a name: {{ }} bindings never read __proto__, constructor, prototype or __defineGetter__ and the like`
    : null;
}

/** A query's or widget's name schema, refusing the names bindings can never reach. */
export function reachableName<T extends z.ZodType<string>>(schema: T) {
  return schema.superRefine((name, ctx) => {
    const message = unreachableNameMessage(name);
    if (message !== null) ctx.addIssue({ code: 'custom', message });
  });
}
