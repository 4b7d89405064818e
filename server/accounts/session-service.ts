import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type {
  PasswordChange,
  SessionInfo,
  SetupRequest,
  SignInRequest,
} from '../../src/contract/accounts';
import type { AuditService } from '../audit/service';
import { LOCAL_ACTOR, type Actor } from '../context';
import { HttpError } from '../http-errors';
import { newId } from '../store/ids';
import { hashPassword, verifyNothing, verifyPassword } from './passwords';
import type { Auth, Mode } from './request-auth';
import type { SessionRepository } from './sessions-repository';
import type { SignInLimits } from './sign-in-limits';
import type { UserRecord, UserRepository } from './users-repository';

// Who is signed in: the mode (read from the database on every request, since several instances
// may share it), the first admin's setup, signing in and out, and one's own password change.

export const IDLE_MS = 12 * 60 * 60_000;
export const ABSOLUTE_MS = 7 * 24 * 60 * 60_000;
/** last_seen is written at most this often per session. */
const TOUCH_MS = 60_000;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface SessionServiceDeps {
  users: UserRepository;
  sessions: SessionRepository;
  audit: Pick<AuditService, 'record'>;
  limits: SignInLimits;
  now(): number;
  setupToken: string;
  /** Whether HOST is a loopback address: without accounts the app is then open (solo). */
  loopback: boolean;
}

/** A session just opened: what to answer, and the cookie's value. */
export interface IssuedSession {
  info: SessionInfo;
  token: string;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();
const hashToken = (token: string) => sha256(token).toString('base64url');
const actorOf = (u: UserRecord): Actor => ({ id: u.id, username: u.username, role: u.role });

export const NO_ACCOUNTS_MESSAGE =
  'No account exists yet: this install is open to the local user. Create the first admin at /setup ' +
  "(with the setup token from the server's log) to use accounts.";

export function sessionService(deps: SessionServiceDeps) {
  const { users, sessions, audit, limits } = deps;
  const expectedToken = sha256(deps.setupToken);

  async function mode(): Promise<Mode> {
    if (await users.any()) return 'accounts';
    return deps.loopback ? 'solo' : 'setup_required';
  }

  function info(auth: Pick<Auth, 'mode' | 'actor'>): SessionInfo {
    const user = auth.actor && {
      id: auth.actor.id ?? auth.actor.username,
      username: auth.actor.username,
      role: auth.actor.role,
    };
    return {
      setupRequired: auth.mode !== 'accounts',
      mode: auth.mode === 'solo' ? 'solo' : 'accounts',
      user,
    };
  }

  async function issue(user: UserRecord): Promise<IssuedSession> {
    const now = deps.now();
    // Sessions that ended unused are cleared when new ones begin.
    await sessions.removeExpired(now - IDLE_MS, now - ABSOLUTE_MS);
    const token = randomBytes(32).toString('base64url');
    await sessions.create({
      idHash: hashToken(token),
      userId: user.id,
      createdAt: now,
      lastSeen: now,
    });
    return { token, info: info({ mode: 'accounts', actor: actorOf(user) }) };
  }

  function noAccounts(): HttpError {
    return new HttpError(409, 'no_accounts', NO_ACCOUNTS_MESSAGE);
  }

  return {
    mode,
    info,

    /** The mode and the signed-in actor of a request carrying `token` (the cookie's value). */
    async authenticate(token: string | undefined): Promise<Auth> {
      const current = await mode();
      if (current === 'solo') return { mode: current, actor: LOCAL_ACTOR, sessionHash: null };
      const none: Auth = { mode: current, actor: null, sessionHash: null };
      if (current !== 'accounts' || token === undefined || !TOKEN_PATTERN.test(token)) return none;
      const idHash = hashToken(token);
      const session = await sessions.get(idHash);
      if (!session) return none;
      const now = deps.now();
      const user =
        now - session.lastSeen <= IDLE_MS && now - session.createdAt <= ABSOLUTE_MS
          ? await users.get(session.userId)
          : undefined;
      if (!user || user.disabled) {
        await sessions.remove(idHash);
        return none;
      }
      if (now - session.lastSeen >= TOUCH_MS) await sessions.touch(idHash, now);
      // The role is read from the user each request, so a change applies to the next one.
      return { mode: current, actor: actorOf(user), sessionHash: idHash };
    },

    /** POST /api/setup: the first admin, with the setup token; signs it in. */
    async setup(input: SetupRequest, ip: string | null): Promise<IssuedSession> {
      const alreadySetUp = () =>
        new HttpError(
          409,
          'already_set_up',
          'Accounts are already set up: sign in, or ask an admin for an account.',
        );
      if (await users.any()) throw alreadySetUp();
      await limits.check(ip);
      const given = sha256(input.setupToken);
      if (!timingSafeEqual(given, expectedToken)) {
        await audit.record(
          { actor: { id: null, username: input.username }, ip },
          { action: 'setup', outcome: 'failure', details: { reason: 'wrong_setup_token' } },
        );
        throw new HttpError(
          403,
          'wrong_setup_token',
          "The setup token is wrong: use TQB_SETUP_TOKEN, or the token the server's log shows at start-up.",
          'setupToken',
        );
      }
      const at = new Date(deps.now()).toISOString();
      const user: UserRecord = {
        id: newId('u'),
        username: input.username,
        passwordHash: await hashPassword(input.password),
        role: 'admin',
        disabled: false,
        createdAt: at,
        updatedAt: at,
      };
      if (!(await users.insertFirst(user))) throw alreadySetUp();
      await audit.record(
        { actor: user, ip },
        {
          action: 'setup',
          target: `user:${user.id}`,
          details: { username: user.username, role: 'admin' },
        },
      );
      return issue(user);
    },

    /** POST /api/session. Unknown user, wrong password and disabled user are one answer, in one time. */
    async signIn(input: SignInRequest, ip: string | null): Promise<IssuedSession> {
      if ((await mode()) === 'solo') throw noAccounts();
      const username = input.username.trim();
      const attempt = { actor: { id: null, username }, ip };
      try {
        await limits.check(ip, username);
      } catch (err) {
        await audit.record(attempt, {
          action: 'session.sign_in',
          outcome: 'denied',
          details: { reason: 'too_many_logins' },
        });
        throw err;
      }
      const user = await users.findByUsername(username);
      const matches = user
        ? await verifyPassword(user.passwordHash, input.password)
        : await verifyNothing(input.password);
      if (!user || !matches || user.disabled) {
        await audit.record(attempt, { action: 'session.sign_in', outcome: 'failure' });
        throw new HttpError(401, 'wrong_credentials', 'Wrong username or password');
      }
      await audit.record(
        { actor: user, ip },
        { action: 'session.sign_in', target: `user:${user.id}` },
      );
      return issue(user);
    },

    /** DELETE /api/session: ends this browser's session, if it has one. */
    async signOut(auth: Auth, ip: string | null): Promise<void> {
      if (auth.sessionHash === null || !auth.actor) return;
      await sessions.remove(auth.sessionHash);
      await audit.record({ actor: auth.actor, ip }, { action: 'session.sign_out' });
    },

    /**
     * POST /api/session/password: one's own password. Every session of the user ends; the
     * browser that changed it gets a new one.
     */
    async changePassword(
      input: PasswordChange,
      auth: Auth,
      ip: string | null,
    ): Promise<IssuedSession> {
      if (auth.mode === 'solo' || auth.actor?.id == null) throw noAccounts();
      const user = await users.get(auth.actor.id);
      if (!user) throw new HttpError(401, 'login_required', 'Sign in first.');
      const source = { actor: user, ip };
      await limits.check(ip, user.username);
      if (!(await verifyPassword(user.passwordHash, input.current))) {
        await audit.record(source, { action: 'session.password_change', outcome: 'failure' });
        throw new HttpError(400, 'wrong_password', 'The current password is wrong.', 'current');
      }
      const passwordHash = await hashPassword(input.next);
      const at = new Date(deps.now()).toISOString();
      await users.update(user.id, { passwordHash }, at, () => false);
      await sessions.removeForUser(user.id);
      await audit.record(source, { action: 'session.password_change', target: `user:${user.id}` });
      return issue(user);
    },
  };
}

export type SessionService = ReturnType<typeof sessionService>;
