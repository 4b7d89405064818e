import type { RequestHandler } from 'express';
import { HttpError } from '../http-errors';
import { readSessionCookie } from './cookie';
import { authOf, setAuth, type Mode } from './request-auth';
import type { SessionService } from './session-service';

/** Finds who is asking (the mode, and the session's user) for the routes after it. */
export function authenticate(sessions: Pick<SessionService, 'authenticate'>): RequestHandler {
  return async (req, res, next) => {
    setAuth(res, await sessions.authenticate(readSessionCookie(req)));
    next();
  };
}

/** Open in every mode: health, what the session is, and setting up the first admin. */
const ALWAYS_OPEN = new Set([
  'GET /health',
  'HEAD /health',
  'GET /session',
  'HEAD /session',
  'POST /setup',
]);
/** Open once accounts exist: signing in and out. */
const OPEN_WITH_ACCOUNTS = new Set(['POST /session', 'DELETE /session']);

function isOpen(mode: Mode, method: string, path: string): boolean {
  const route = `${method} ${path.replace(/\/+$/, '') || '/'}`;
  return ALWAYS_OPEN.has(route) || (mode === 'accounts' && OPEN_WITH_ACCOUNTS.has(route));
}

/**
 * Every other API route needs someone: the local user in solo mode, a signed-in user once
 * accounts exist. Before the first account, a server others can reach answers only setup.
 */
export function accessGate(): RequestHandler {
  return (req, res, next) => {
    const { mode, actor } = authOf(res);
    if (actor || isOpen(mode, req.method, req.path)) return next();
    if (mode === 'setup_required')
      throw new HttpError(
        401,
        'setup_required',
        "No account exists yet: create the first admin at /setup with the setup token from the server's log " +
          '(or TQB_SETUP_TOKEN), or run `npm run user -- add NAME --role admin` on the server.',
      );
    throw new HttpError(
      401,
      'login_required',
      'Sign in first: POST /api/session with {"username": "...", "password": "..."}.',
    );
  };
}
