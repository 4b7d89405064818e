import { z } from 'zod';
import type { CommandId } from './commands/types';

// Accounts, roles and what each role may do: one table that the server enforces on every route
// and the browser reads to show only the buttons that can succeed.

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

/** Where a role lands after signing in. */
export const homeOf = (role: Role): '/' | '/app' =>
  role === 'admin' || role === 'builder' ? '/' : '/app';

export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 1024;

export const usernameSchema = z
  .string({ message: 'username is required' })
  .trim()
  .regex(
    USERNAME_PATTERN,
    'username must be 1 to 64 letters, digits, dots, underscores or hyphens',
  );

export const passwordSchema = z
  .string({ message: 'password is required' })
  .min(PASSWORD_MIN, `password must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `password must be at most ${PASSWORD_MAX} characters`);

export const roleSchema = z.enum(ROLES, { message: `role must be one of ${ROLES.join(', ')}` });

export const setupRequestSchema = z.strictObject({
  setupToken: z.string({ message: 'setupToken is required' }).min(1).max(256),
  username: usernameSchema,
  password: passwordSchema,
});

export const signInRequestSchema = z.strictObject({
  username: z.string({ message: 'username is required' }).min(1).max(64),
  password: z.string({ message: 'password is required' }).min(1).max(PASSWORD_MAX),
});

export const passwordChangeSchema = z.strictObject({
  current: z.string({ message: 'current is required' }).min(1).max(PASSWORD_MAX),
  next: passwordSchema,
});

export const userCreateSchema = z.strictObject({
  username: usernameSchema,
  password: passwordSchema,
  role: roleSchema,
});

export const userPatchSchema = z.strictObject({
  role: roleSchema.optional(),
  password: passwordSchema.optional(),
  disabled: z.boolean({ message: 'disabled must be true or false' }).optional(),
});

export interface SessionUser {
  id: string;
  username: string;
  role: Role;
}

/** GET /api/session. `user` is null when nobody is signed in (or, solo, the local user). */
export interface SessionInfo {
  setupRequired: boolean;
  /** `solo`: open to the local user with no accounts; `accounts`: everyone signs in. */
  mode: 'solo' | 'accounts';
  user: SessionUser | null;
}

export interface PublicUser extends SessionUser {
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Every action an audit event names: the server writes these, the Audit screen filters by them. */
export const AUDIT_ACTIONS = [
  'setup',
  'session.sign_in',
  'session.sign_out',
  'session.password_change',
  'user.create',
  'user.update',
  'user.delete',
  'datasource.create',
  'datasource.update',
  'datasource.delete',
  'datasource.test',
  'datasource.execute',
  'query.create',
  'query.update',
  'query.delete',
  'query.run',
  'page.update',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditEvent {
  id: string;
  at: string;
  /** The username, `local` in solo mode, or `anonymous` for a failed sign-in. */
  actor: string;
  action: string;
  /** What was acted on: `query:q_…`, `datasource:ds_…`, `user:u_…`, `page:main`, `session`. */
  target: string | null;
  details: Record<string, unknown>;
  outcome: AuditOutcome;
  ip: string | null;
}

export const auditQuerySchema = z.strictObject({
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  since: z.iso.datetime({ message: 'since must be an ISO 8601 date-time' }).optional(),
  until: z.iso.datetime({ message: 'until must be an ISO 8601 date-time' }).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce
    .number({ message: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(1000, 'limit must be at most 1000')
    .default(100),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export interface AuditPage {
  events: AuditEvent[];
  /** Pass as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

/** The `conflict` of a 412 `edit_conflict`: who changed the resource since it was read. */
export interface EditConflict {
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}
