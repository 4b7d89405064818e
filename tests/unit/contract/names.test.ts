import { describe, expect, it } from 'vitest';
import { isBlockedName as engineBlocks } from '../../../src/bindings/values';
import { isBlockedName } from '../../../src/contract/names';
import { widgetNameSchema } from '../../../src/contract/page';
import { queryNameSchema } from '../../../src/contract/queries';

// Query and widget names are what {{ }} bindings read; a name the engine refuses to read (it leads
// to prototypes and accessors) could be saved but never reached, so the schemas refuse it.

const UNREACHABLE = [
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
];

describe('names bindings can never reach', () => {
  it.each(UNREACHABLE)('refuses %s as a query and a widget name, saying why', (name) => {
    for (const schema of [queryNameSchema, widgetNameSchema]) {
      const result = schema.safeParse(name);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.message)).toEqual([
        `${name} cannot be a name: {{ }} bindings never read __proto__, constructor, prototype or __defineGetter__ and the like`,
      ]);
    }
  });

  it('lets names that only look alike through', () => {
    for (const name of ['Constructor', 'proto', '_proto_', 'prototypes', 'toString', 'valueOf']) {
      expect(queryNameSchema.parse(name)).toBe(name);
      expect(widgetNameSchema.parse(name)).toBe(name);
    }
  });

  it('is the very list the binding engine refuses', () => {
    expect(engineBlocks).toBe(isBlockedName);
    for (const name of UNREACHABLE) expect(isBlockedName(name), name).toBe(true);
  });
});
