import { http, HttpResponse, type HttpResponseResolver } from 'msw';
import {
  passwordChangeSchema,
  setupRequestSchema,
  signInRequestSchema,
  userCreateSchema,
  userPatchSchema,
  type PublicUser,
  type Role,
  type SessionInfo,
  type SessionUser,
} from '../../src/contract/accounts';
import { can, forbiddenMessage } from '../../src/contract/roles';
import { HttpError } from '../../server/http-errors';
import { parseBody } from '../../server/routes/validate';
import { actorOf, type AccountsState, type MockState, type StoredUser } from './mock-state';

// Issue 12's routes as msw handlers: the session (sign in and out, the first account, one's own
// password), the users, and running a saved query (POST /api/queries/:id/run). A guard in front of
// every /api route answers 401 as the server does when nobody is signed in; the other routes keep
// their handlers (msw-handlers.ts), which answer as if for an admin. Solo mode, the default, is a
// fresh install on this computer: open, as the local admin.

export { SETUP_TOKEN, type AccountsState, type StoredUser } from './mock-state';

const LOCAL: SessionUser = { id: 'local', username: 'local', role: 'admin' };

/** GET /api/session on a fresh install on this computer: solo mode, the local admin. */
export const SOLO_SESSION: SessionInfo = { setupRequired: true, mode: 'solo', user: LOCAL };
const STAMP = '2030-01-01T00:00:00.000Z';

/** Adds an account (password "correct horse battery" unless told) and returns it. */
export function addUser(
  state: AccountsState,
  user: { username: string; role: Role; password?: string; disabled?: boolean },
): StoredUser {
  const stored: StoredUser = {
    id: `u_${++state.seq}`,
    username: user.username,
    role: user.role,
    password: user.password ?? 'correct horse battery',
    disabled: user.disabled ?? false,
    createdAt: STAMP,
    updatedAt: STAMP,
  };
  state.users.push(stored);
  return stored;
}

/** Adds an account and signs this browser in as it. */
export function signedInAs(state: AccountsState, username: string, role: Role): StoredUser {
  const user = addUser(state, { username, role });
  state.signedIn = user.id;
  return user;
}

const publicUser = ({ password: _password, ...user }: StoredUser): PublicUser => user;

function actor(state: AccountsState): SessionUser | null {
  const who = actorOf({ accounts: state } as MockState);
  return who && { id: who.id ?? 'local', username: who.username, role: who.role };
}

function session(state: AccountsState): SessionInfo {
  const user = actor(state);
  return {
    setupRequired: state.users.length === 0,
    mode: state.users.length === 0 && state.loopback ? 'solo' : 'accounts',
    user,
  };
}

const fail = (status: number, code: string, message: string, field?: string): never => {
  throw new HttpError(status, code, message, field);
};

function signedInUser(state: AccountsState): SessionUser {
  return (
    actor(state) ??
    fail(
      401,
      'login_required',
      'Sign in first: POST /api/session with {"username": "...", "password": "..."}.',
    )
  );
}

function requireAdmin(state: AccountsState): SessionUser {
  const user = signedInUser(state);
  if (!can(user.role, 'users:manage'))
    fail(403, 'forbidden', forbiddenMessage(user.role, 'users:manage'));
  return user;
}

function findUser(state: AccountsState, id: string): StoredUser {
  return (
    state.users.find((u) => u.id === id) ?? fail(404, 'user_not_found', `No user with id ${id}`)
  );
}

/** The last enabled admin cannot stop being one (409), whatever takes it away. */
function keepAnAdmin(
  state: AccountsState,
  user: StoredUser,
  after: StoredUser | null,
  refused: string,
) {
  const admins = state.users.filter((u) => u.role === 'admin' && !u.disabled);
  const stillAdmin = after !== null && after.role === 'admin' && !after.disabled;
  if (admins.length === 1 && admins[0]!.id === user.id && !stillAdmin)
    fail(
      409,
      'last_admin',
      `This is the last enabled admin: ${refused} would leave no one to manage users. Make another user an admin first.`,
    );
}

type Handler = (
  accounts: AccountsState,
  params: Record<string, string>,
  body: unknown,
) => { status?: number; json: unknown } | null;

const route =
  (state: () => AccountsState, handle: Handler): HttpResponseResolver =>
  async ({ request, params }) => {
    const text =
      request.method === 'GET' || request.method === 'DELETE' ? '' : await request.text();
    try {
      const out = handle(
        state(),
        params as Record<string, string>,
        text ? JSON.parse(text) : undefined,
      );
      if (out === null) return new HttpResponse(null, { status: 204 });
      return HttpResponse.json(out.json as never, { status: out.status ?? 200 });
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      const error = {
        code: err.code,
        message: err.message,
        ...(err.field ? { field: err.field } : {}),
      };
      return HttpResponse.json({ error }, { status: err.status });
    }
  };

const OPEN = new Set([
  'GET /api/health',
  'GET /api/session',
  'POST /api/session',
  'POST /api/setup',
]);

/**
 * The handlers over the fake's state (its `accounts`). Saved-query runs are msw-handlers.ts's, over
 * the server's run service, as whoever this guard found signed in.
 */
export function createAccountHandlers(state: () => MockState) {
  const accounts = () => state().accounts;
  const r = (h: Handler) => route(accounts, h);
  return [
    // In front of every route: nobody signed in, or no account yet away from this computer.
    http.all('/api/*', ({ request }) => {
      const url = new URL(request.url);
      if (OPEN.has(`${request.method} ${url.pathname}`)) return undefined;
      const s = accounts();
      if (actor(s)) return undefined;
      const setup = s.users.length === 0;
      const error = setup
        ? {
            code: 'setup_required',
            message:
              "No account exists yet: create the first admin at /setup with the setup token from the server's log " +
              '(or TQB_SETUP_TOKEN), or run `npm run user -- add NAME --role admin` on the server.',
          }
        : {
            code: 'login_required',
            message:
              'Sign in first: POST /api/session with {"username": "...", "password": "..."}.',
          };
      return HttpResponse.json({ error }, { status: 401 });
    }),
    http.get(
      '/api/session',
      r((s) => ({ json: session(s) })),
    ),
    http.post(
      '/api/session',
      r((s, _p, body) => {
        const { username, password } = parseBody(signInRequestSchema, body);
        const user = s.users.find((u) => u.username.toLowerCase() === username.toLowerCase());
        if (!user || user.password !== password || user.disabled)
          fail(401, 'wrong_credentials', 'Wrong username or password');
        s.signedIn = user!.id;
        return { json: session(s) };
      }),
    ),
    http.delete(
      '/api/session',
      r((s) => {
        s.signedIn = null;
        return null;
      }),
    ),
    http.post(
      '/api/setup',
      r((s, _p, body) => {
        const input = parseBody(setupRequestSchema, body);
        if (s.users.length > 0)
          fail(
            409,
            'already_set_up',
            'Accounts are already set up: sign in, or ask an admin for an account.',
          );
        if (input.setupToken !== s.setupToken)
          fail(
            403,
            'wrong_setup_token',
            "The setup token is wrong: use TQB_SETUP_TOKEN, or the token the server's log shows at start-up.",
            'setupToken',
          );
        const admin = addUser(s, {
          username: input.username,
          role: 'admin',
          password: input.password,
        });
        s.signedIn = admin.id;
        return { status: 201, json: session(s) };
      }),
    ),
    http.post(
      '/api/session/password',
      r((s, _p, body) => {
        const user = signedInUser(s);
        if (s.users.length === 0)
          fail(
            409,
            'no_accounts',
            'No account exists yet: this install is open to the local user. Create the first admin at /setup ' +
              "(with the setup token from the server's log) to use accounts.",
          );
        const { current, next } = parseBody(passwordChangeSchema, body);
        const stored = findUser(s, user.id);
        if (stored.password !== current)
          fail(400, 'wrong_password', 'The current password is wrong.', 'current');
        stored.password = next;
        return null;
      }),
    ),
    http.get(
      '/api/users',
      r((s) => {
        requireAdmin(s);
        return { json: s.users.map(publicUser) };
      }),
    ),
    http.post(
      '/api/users',
      r((s, _p, body) => {
        requireAdmin(s);
        const input = parseBody(userCreateSchema, body);
        if (s.users.some((u) => u.username.toLowerCase() === input.username.toLowerCase()))
          fail(
            409,
            'username_taken',
            `A user named ${input.username} already exists (usernames ignore case)`,
            'username',
          );
        return { status: 201, json: publicUser(addUser(s, input)) };
      }),
    ),
    http.patch(
      '/api/users/:id',
      r((s, p, body) => {
        requireAdmin(s);
        const user = findUser(s, p.id!);
        const patch = parseBody(userPatchSchema, body);
        const next: StoredUser = {
          ...user,
          ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
          updatedAt: STAMP,
        };
        keepAnAdmin(s, user, next, patch.disabled ? 'disabling it' : 'changing its role');
        s.users = s.users.map((u) => (u.id === user.id ? next : u));
        return { json: publicUser(next) };
      }),
    ),
    http.delete(
      '/api/users/:id',
      r((s, p) => {
        requireAdmin(s);
        const user = findUser(s, p.id!);
        keepAnAdmin(s, user, null, 'deleting it');
        s.users = s.users.filter((u) => u.id !== user.id);
        if (s.signedIn === user.id) s.signedIn = null;
        return null;
      }),
    ),
  ];
}
