import type { PublicUser, UserCreate, UserPatch } from '../../src/contract/accounts';
import { changesOf } from '../audit/changes';
import type { AuditService } from '../audit/service';
import type { RequestContext } from '../context';
import { HttpError } from '../http-errors';
import { newId } from '../store/ids';
import { hashPassword } from './passwords';
import { NO_ACCOUNTS_MESSAGE } from './session-service';
import type { SessionRepository } from './sessions-repository';
import type { AdminGuard, GuardedWrite, UserRecord, UserRepository } from './users-repository';

// Users: the rules between the API (or the CLI) and the store. There is always an enabled admin
// once accounts exist, and ending someone's access ends their sessions at once.

export interface UserServiceDeps {
  repo: UserRepository;
  sessions: Pick<SessionRepository, 'removeForUser'>;
  audit: Pick<AuditService, 'record'>;
  now(): number;
}

export const toPublicUser = (u: UserRecord): PublicUser => ({
  id: u.id,
  username: u.username,
  role: u.role,
  disabled: u.disabled,
  createdAt: u.createdAt,
  updatedAt: u.updatedAt,
});

const isEnabledAdmin = (u: UserRecord | null) => u !== null && u.role === 'admin' && !u.disabled;
/** A change that takes away the current user's enabled admin role needs another enabled admin. */
const losesAdmin: AdminGuard = (current, next) => isEnabledAdmin(current) && !isEnabledAdmin(next);

export function userService(deps: UserServiceDeps) {
  const { repo, sessions, audit } = deps;

  function unwrap<T>(result: GuardedWrite<T>, id: string, refused: string): T {
    if (result.ok) return result.value;
    if (result.reason === 'not_found')
      throw new HttpError(404, 'user_not_found', `No user with id ${id}`);
    throw new HttpError(
      409,
      'last_admin',
      `This is the last enabled admin: ${refused} would leave no one to manage users. Make another user an admin first.`,
    );
  }

  async function find(id: string): Promise<UserRecord> {
    const user = await repo.get(id);
    if (!user) throw new HttpError(404, 'user_not_found', `No user with id ${id}`);
    return user;
  }

  return {
    list: async (): Promise<PublicUser[]> => (await repo.list()).map(toPublicUser),

    async findByUsername(username: string): Promise<UserRecord> {
      const user = await repo.findByUsername(username);
      if (!user) throw new HttpError(404, 'user_not_found', `No user named ${username}`);
      return user;
    },

    /**
     * Adds a user. Through the API only once accounts exist (the first admin comes from setup,
     * which asks for the setup token); the CLI, run on the server itself, may add the first.
     */
    async create(
      input: UserCreate,
      ctx: RequestContext,
      { first = false }: { first?: boolean } = {},
    ): Promise<PublicUser> {
      if (!first && !(await repo.any()))
        throw new HttpError(409, 'no_accounts', NO_ACCOUNTS_MESSAGE);
      const at = new Date(deps.now()).toISOString();
      const user: UserRecord = {
        id: newId('u'),
        username: input.username,
        passwordHash: await hashPassword(input.password),
        role: input.role,
        disabled: false,
        createdAt: at,
        updatedAt: at,
      };
      if (!(await repo.insert(user)))
        throw new HttpError(
          409,
          'username_taken',
          `A user named ${input.username} already exists (usernames ignore case)`,
          'username',
        );
      await audit.record(ctx, {
        action: 'user.create',
        target: `user:${user.id}`,
        details: { username: user.username, role: user.role },
      });
      return toPublicUser(user);
    },

    /** A new password or disabling ends the user's sessions; a new role applies to their next request. */
    async update(id: string, patch: UserPatch, ctx: RequestContext): Promise<PublicUser> {
      const before = await find(id);
      const passwordHash =
        patch.password === undefined ? undefined : await hashPassword(patch.password);
      const at = new Date(deps.now()).toISOString();
      const after = unwrap(
        await repo.update(
          id,
          { role: patch.role, disabled: patch.disabled, passwordHash },
          at,
          losesAdmin,
        ),
        id,
        patch.disabled ? 'disabling it' : 'changing its role',
      );
      if (passwordHash !== undefined || after.disabled) await sessions.removeForUser(id);
      await audit.record(ctx, {
        action: 'user.update',
        target: `user:${id}`,
        details: {
          username: after.username,
          changes: changesOf(before, after, ['role', 'disabled'], {
            password: { before: before.passwordHash, after: after.passwordHash },
          }),
        },
      });
      return toPublicUser(after);
    },

    /** Deleting a user deletes their sessions with them. */
    async remove(id: string, ctx: RequestContext): Promise<void> {
      const removed = unwrap(await repo.remove(id, losesAdmin), id, 'deleting it');
      await audit.record(ctx, {
        action: 'user.delete',
        target: `user:${id}`,
        details: { username: removed.username, role: removed.role },
      });
    },
  };
}

export type UserService = ReturnType<typeof userService>;
