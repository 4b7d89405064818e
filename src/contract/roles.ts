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
