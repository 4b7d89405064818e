import fs from 'node:fs';
import path from 'node:path';

// The first screen's JavaScript is what src/main.tsx imports statically; pages and rarely shown
// parts load on demand. A static import that pulls them back into the shell would pass every other
// test and only show in the bundle's size, so the boundaries are checked here on the sources.

const src = path.resolve(import.meta.dirname, '../../../src');

/** Modules reached from `entry` by value imports (not `import type`, not `import()`). */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.startsWith(src)) return;
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(
      /^(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm,
    )) {
      if (m[1]) continue;
      const spec = m[2]!;
      if (!spec.startsWith('.')) {
        seen.add(spec);
        continue;
      }
      const base = path.resolve(path.dirname(file), spec);
      const resolved = [
        `${base}.ts`,
        `${base}.tsx`,
        path.join(base, 'index.ts'),
        path.join(base, 'index.tsx'),
      ].find((f) => fs.existsSync(f));
      if (!resolved) throw new Error(`${file}: cannot resolve ${spec}`);
      visit(resolved);
    }
  };
  visit(path.join(src, entry));
  return seen;
}

const shell = [...staticGraph('main.tsx')].map((f) =>
  f.startsWith(src) ? path.relative(src, f) : f,
);

it('keeps the binding engine, the commands’ schemas and the pages out of the first screen', () => {
  expect(shell).toContain('app/runtime/runtime-state.tsx'); // the runtime's state is at the root
  expect(
    shell.filter((f) => f.startsWith('bindings/') || f === 'jsep' || f.startsWith('@jsep-plugin/')),
  ).toEqual([]);
  expect(shell).not.toContain('app/runtime/runtime-provider.tsx');
  expect(shell).not.toContain('app/runtime/runtime-engine.ts');
  expect(shell).not.toContain('contract/commands/definitions.ts');
  expect(
    shell.filter((f) => f.startsWith('app/pages/') && f !== 'app/pages/home-page.tsx'),
  ).toEqual([]);
  expect(
    shell.filter((f) => f.startsWith('@codemirror/') || f.startsWith('components/binding-field/')),
  ).toEqual([]);
});

it('loads what only some moments need when they come: the confirmation dialog, the account forms', () => {
  expect(shell).not.toContain('components/confirm-dialog.tsx');
  expect(shell).toContain('features/session/components/user-menu.tsx'); // in the app bar
  expect(
    shell.filter(
      (f) =>
        f.startsWith('features/session/components/') &&
        f !== 'features/session/components/user-menu.tsx',
    ),
  ).toEqual([]); // sign in, setup, change password
  expect(shell.filter((f) => f.startsWith('features/users/components/'))).toEqual([]);
});

it('reads the roles’ permissions in the shell without their request schemas', () => {
  expect(shell).toContain('contract/roles.ts');
  expect(shell).not.toContain('contract/accounts.ts');
});

it('imports zod in the shell only to configure it', () => {
  const importers = shell
    .filter((f) => f.endsWith('.ts') || f.endsWith('.tsx'))
    .filter((f) => /from ['"]zod['"]/.test(fs.readFileSync(path.join(src, f), 'utf8')));
  expect(importers).toEqual(['main.tsx']);
});
