import type { Role } from '../src/contract/accounts';

// Who makes a request, as the services see it: for the permission checks, `updated_by` and the
// audit log. A signed-in user; `local`, the open solo install's one person (an admin); or `cli`,
// the `npm run user` command run on the server itself.

export interface Actor {
  /** The user's id; null for `local` and `cli`, which are not accounts. */
  id: string | null;
  username: string;
  role: Role;
}

export const LOCAL_ACTOR: Actor = { id: null, username: 'local', role: 'admin' };
export const CLI_ACTOR: Actor = { id: null, username: 'cli', role: 'admin' };

export interface RequestContext {
  actor: Actor;
  /** The client's address (req.ip); null outside HTTP (the CLI). */
  ip: string | null;
}

/** Synchronous today (SQLite), asynchronous once the store can be PostgreSQL: callers await both. */
export type Awaitable<T> = T | Promise<T>;
