import type { CommandId } from './commands/types';

// The roles and what each may do: one table that the server enforces on every route and the
// browser reads to show only the buttons that can succeed. No zod here: the first screen reads it.

export const ROLES = ['admin', 'builder', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Everything a route can ask of a role. */
export const PERMISSIONS = {
  /** Read datasources (never a secret) and their lookups. */
  'datasources:read': ['admin', 'builder'],
  /** Create, edit and delete datasources. */
  'datasources:write': ['admin'],
  /** Test a datasource's connection, saved or not. */
  'datasources:test': ['admin', 'builder'],
  /** Run any command on a datasource (POST /api/datasources/:id/execute). */
  'datasources:execute': ['admin', 'builder'],
  /** Read the page and the saved queries: what the published app uses. */
  'app:read': ['admin', 'builder', 'operator', 'viewer'],
  /** Create, edit and delete queries and the page. */
  'app:write': ['admin', 'builder'],
  /** Run a saved query that sends or changes messages (POST /api/queries/:id/run). */
  'queries:run': ['admin', 'builder', 'operator'],
  /** Run a saved query that only reads (List Message, Fetch Message). */
  'queries:read-run': ['admin', 'builder', 'operator', 'viewer'],
  /** Manage users. */
  'users:manage': ['admin'],
  /** Read every audit event; everyone may read their own. */
  'audit:read-all': ['admin', 'builder'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

/** What a person of this role may do, in words, for a 403 and the UI. */
export const ROLE_SUMMARY: Record<Role, string> = {
  admin: 'admins may do everything: datasources, queries, the page, users and the audit log',
  builder:
    'builders may read and test datasources (never their secrets), edit queries and the page, and run anything',
  operator: 'operators may use the published app: read the page and run its saved queries from it',
  viewer:
    'viewers may read the published app and run its saved read-only queries (List and Fetch Message)',
};

/** What each permission lets one do, in words: the second half of a 403's message. */
export const PERMISSION_LABELS: Record<Permission, string> = {
  'datasources:read': 'reading datasources',
  'datasources:write': 'creating, editing or deleting datasources',
  'datasources:test': 'testing a datasource',
  'datasources:execute': 'running a command on a datasource directly',
  'app:read': 'reading the page and its queries',
  'app:write': 'editing queries or the page',
  'queries:run': 'running a saved query that sends or changes messages',
  'queries:read-run': 'running a saved query',
  'users:manage': 'managing users',
  'audit:read-all': "reading everyone's audit events",
};

const listWords = (words: readonly string[]) =>
  words.length <= 1
    ? words.join('')
    : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;

/** The message of a 403 `forbidden`: what the role may do, and who may do what was refused. */
export function forbiddenMessage(role: Role, permission: Permission): string {
  const summary = ROLE_SUMMARY[role];
  return (
    `${summary.charAt(0).toUpperCase()}${summary.slice(1)}; ` +
    `${PERMISSION_LABELS[permission]} needs the role ${listWords(PERMISSIONS[permission])}.`
  );
}

export function can(role: Role | undefined, permission: Permission): boolean {
  return role !== undefined && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Commands that only read from Twilio; a viewer may run them from the app. */
export const READ_ONLY_COMMANDS: readonly CommandId[] = ['list-messages', 'fetch-message'];

/** What running a saved query with this command asks of the role (POST /api/queries/:id/run). */
export const runPermission = (command: CommandId): Permission =>
  READ_ONLY_COMMANDS.includes(command) ? 'queries:read-run' : 'queries:run';

/** Where a role lands after signing in. */
export const homeOf = (role: Role): '/' | '/app' =>
  role === 'admin' || role === 'builder' ? '/' : '/app';
