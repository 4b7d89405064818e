import { z } from 'zod';
import { ROLES, type Role } from './roles';

// Accounts: who may sign in, and the requests that create and change them. The roles and what each
// may do live in roles.ts (no zod there, so the first screen can read them); they are re-exported
// here so that both halves of the contract are one import away.

export {
  ROLES,
  PERMISSIONS,
  PERMISSION_LABELS,
  ROLE_SUMMARY,
  READ_ONLY_COMMANDS,
  can,
  forbiddenMessage,
  homeOf,
  runPermission,
  type Permission,
  type Role,
} from './roles';

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
export type SetupRequest = z.infer<typeof setupRequestSchema>;

export const signInRequestSchema = z.strictObject({
  username: z.string({ message: 'username is required' }).min(1).max(64),
  password: z.string({ message: 'password is required' }).min(1).max(PASSWORD_MAX),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const passwordChangeSchema = z.strictObject({
  current: z.string({ message: 'current is required' }).min(1).max(PASSWORD_MAX),
  next: passwordSchema,
});
export type PasswordChange = z.infer<typeof passwordChangeSchema>;

export const userCreateSchema = z.strictObject({
  username: usernameSchema,
  password: passwordSchema,
  role: roleSchema,
});
export type UserCreate = z.infer<typeof userCreateSchema>;

export const userPatchSchema = z.strictObject({
  role: roleSchema.optional(),
  password: passwordSchema.optional(),
  disabled: z.boolean({ message: 'disabled must be true or false' }).optional(),
});
export type UserPatch = z.infer<typeof userPatchSchema>;

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

/** Every action the audit log records; the Audit screen's filter offers them. */
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
  /** The username; `local` in solo mode, `cli` for `npm run user`, the name typed for a failed sign-in. */
  actor: string;
  action: AuditAction;
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

export { etagOf, type Versioned } from './versions';

/** The `conflict` of a 412 `edit_conflict`: who changed the resource since it was read. */
export interface EditConflict {
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}
