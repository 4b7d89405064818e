import type { Request, Response } from 'express';
import type { Actor, RequestContext } from '../context';
import { clientKey } from '../security/rate-limit';

/**
 * `solo`: no account, loopback HOST, open to the local user. `accounts`: everyone signs in.
 * `setup_required`: no account yet on a HOST others can reach; only setup is open.
 */
export type Mode = 'solo' | 'accounts' | 'setup_required';

/** Who is asking, as the authenticate middleware found it for this request. */
export interface Auth {
  mode: Mode;
  actor: Actor | null;
  /** The SHA-256 of the session cookie that signed this request in. */
  sessionHash: string | null;
}

export function setAuth(res: Response, auth: Auth): void {
  res.locals.auth = auth;
}

export function authOf(res: Response): Auth {
  const auth = res.locals.auth as Auth | undefined;
  // Every API route runs after authenticate; a route without it is a bug in the app's composition.
  if (!auth) throw new Error('authenticate() did not run before this route');
  return auth;
}

/** The signed-in actor of a route the gate let through. */
export function actorOf(res: Response): Actor {
  const { actor } = authOf(res);
  if (!actor) throw new Error('the access gate let a request through without an actor');
  return actor;
}

export const contextOf = (req: Request, res: Response): RequestContext => ({
  actor: actorOf(res),
  ip: clientKey(req),
});
