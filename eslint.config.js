// ESLint flat config: typescript-eslint with type information, React hooks, jsx-a11y, and the
// import boundaries the README's architecture describes. Prettier owns formatting
// (eslint-config-prettier turns off the rules it would fight with); `npm run lint` runs both.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const FEATURES = [
  'audit',
  'datasources',
  'emulator',
  'message-log',
  'queries',
  'responses',
  'session',
  'users',
  'widgets',
];

const UI_LAYERS = ['./src/app', './src/features', './src/components', './src/lib'];
const PACKAGES_NOT_IN_PURE_CODE = [
  {
    group: ['react', 'react/*', 'react-dom', 'react-dom/*', '@mui/*', '@emotion/*', '@tanstack/*'],
    message: 'src/contract and src/bindings are pure: no React or UI libraries.',
  },
  {
    group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'os', 'url', 'stream', 'buffer'],
    message: 'src/contract and src/bindings run in the browser and on the server: no Node modules.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'data/**',
      'node_modules/**',
      'public/mockServiceWorker.js',
      '.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Express handlers and React event props take promise-returning functions by design; a
      // rejected promise there is caught by Express 5 / reported by the caller.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      // The codebase passes unknown JSON around on purpose and narrows it with zod or guards; the
      // unsafe-* rules would flag every such boundary rather than the bugs they are meant to catch.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      // Dependency interfaces declare methods in shorthand (`now(): number`) and are implemented by
      // closures and plain objects that never read `this`; the rule cannot tell them from classes.
      '@typescript-eslint/unbound-method': 'off',
      // Template literals in messages interpolate numbers and unions of strings routinely.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['src/**/*.{ts,tsx}', 'tests/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The React Compiler's rules describe code the compiler can optimise; this app is not built
      // with the compiler. The CodeMirror bridge and the runtime read refs during render on
      // purpose (a ref holds the latest callback for an editor that outlives renders).
      'react-hooks/refs': 'off',
      'react-hooks/incompatible-library': 'off',
      ...jsxA11y.flatConfigs.recommended.rules,
      // A dialog moves focus into itself (WAI-ARIA's dialog pattern), and a page whose only job is
      // one form starts in it: MUI components take autoFocus for that. Plain elements may not.
      'jsx-a11y/no-autofocus': ['error', { ignoreNonDOM: true }],
    },
  },

  // Import boundaries (README, Architecture). Paths are resolved, so `../x` and `./x` are judged
  // by where they land, not by how they are spelled.
  {
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src',
              from: './server',
              message: 'The browser app never imports server code; share it through src/contract.',
            },
            {
              target: './src/contract',
              from: [...UI_LAYERS, './src/bindings'],
              message: 'src/contract is shared with the server: it imports nothing from the UI.',
            },
            {
              target: './src/bindings',
              from: UI_LAYERS,
              message: 'src/bindings is the pure {{ }} engine: it imports nothing from the UI.',
            },
            ...FEATURES.flatMap((feature) => [
              {
                target: `./src/features/${feature}`,
                from: './src/features',
                except: [`./${feature}`],
                message:
                  'Features never import each other: compose them in src/app, or move what both need to src/components, src/lib or src/contract.',
              },
              {
                target: `./src/features/${feature}`,
                from: './src/app',
                message: 'Features do not import the app that composes them.',
              },
            ]),
            {
              target: './server/emulator',
              from: './src',
              message:
                "The emulator plays Twilio, not our client: it imports nothing from src/ and keeps its own copy of Twilio's rules.",
            },
            {
              target: './server/emulator',
              from: './server',
              except: ['./emulator', './logger.ts', './http-server.ts', './sqlite.ts'],
              message:
                'The emulator imports nothing from the rest of server/ but shared infrastructure (logger, http-server, sqlite).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/contract/**/*.ts', 'src/bindings/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: PACKAGES_NOT_IN_PURE_CODE }] },
  },
  {
    files: ['tests/**/*.{ts,tsx}'],
    rules: {
      // Test doubles and assertions on unknown JSON: non-null assertions state what the test expects.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // Test doubles implement async interfaces with synchronous bodies.
      '@typescript-eslint/require-await': 'off',
    },
  },
  prettier,
);
