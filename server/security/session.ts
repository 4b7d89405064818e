import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { HttpError } from '../http-errors';
import { parseBody } from '../routes/validate';
import { clientKey, RateLimitError, type RateLimiter } from './rate-limit';

// With TQB_ACCESS_PASSWORD set, the API asks for the password once per browser session:
// POST /api/session {password} answers with a random session id in an HttpOnly, SameSite=Strict
// cookie with no expiry (the browser forgets it when it closes). Sessions live in memory, so a
// restart asks again; an idle session expires after 12 hours.

export const SESSION_COOKIE = 'tqb_session';
const IDLE_MS = 12 * 60 * 60_000;

const loginSchema = z
  .object({
    password: z.string({ message: 'password must be a string' }).max(1024, 'password is too long'),
  })
  .strict();

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export interface SessionOptions {
  password: string | undefined;
  /** Counts failed logins per client. */
  failedLogins: RateLimiter;
  now?(): number;
}

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function cookie(req: Request, value: string, expire = false): string {
  // Secure when the browser reached us over HTTPS (directly or through a TLS-terminating proxy).
  const secure = req.secure || req.headers['x-forwarded-proto'] === 'https';
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}${expire ? '; Max-Age=0' : ''}`;
}

export function createSessions(options: SessionOptions) {
  const now = options.now ?? Date.now;
  const expected = options.password === undefined ? undefined : digest(options.password);
  const sessions = new Map<string, number>(); // id -> last seen

  const isValid = (id: string | undefined): boolean => {
    if (id === undefined) return false;
    const seen = sessions.get(id);
    if (seen === undefined) return false;
    if (now() - seen > IDLE_MS) {
      sessions.delete(id);
      return false;
    }
    sessions.set(id, now());
    return true;
  };
  const authenticated = (req: Request) =>
    expected === undefined || isValid(readCookie(req, SESSION_COOKIE));

  /** Every API route but health and the session routes needs a session when a password is set. */
  const gate: RequestHandler = (req, _res, next) => {
    if (
      expected === undefined ||
      req.path === '/health' ||
      req.path === '/session' ||
      authenticated(req)
    )
      return next();
    throw new HttpError(
      401,
      'login_required',
      'Log in first: POST /api/session with {"password": "..."} (the TQB_ACCESS_PASSWORD).',
    );
  };

  const router = Router();
  router.get('/session', (req, res) => {
    res.json({ passwordRequired: expected !== undefined, authenticated: authenticated(req) });
  });

  router.post('/session', (req: Request, res: Response) => {
    if (expected === undefined) {
      throw new HttpError(
        409,
        'no_password',
        'This server has no TQB_ACCESS_PASSWORD: the API is open, there is nothing to log in to.',
      );
    }
    const { password } = parseBody(loginSchema, req.body, 'invalid_login');
    const key = clientKey(req);
    const allowed = options.failedLogins.check(key);
    if (!allowed.ok) {
      throw new RateLimitError(
        allowed.retryAfterSeconds,
        `Too many failed logins. Try again in ${allowed.retryAfterSeconds} s.`,
        'too_many_logins',
      );
    }
    // Comparing fixed-length digests in constant time tells nothing about the password's length or prefix.
    if (!timingSafeEqual(digest(password), expected)) {
      options.failedLogins.hit(key);
      throw new HttpError(401, 'wrong_password', 'The password is wrong.', 'password');
    }
    const previous = readCookie(req, SESSION_COOKIE);
    if (previous !== undefined) sessions.delete(previous);
    for (const [old, seen] of sessions) if (now() - seen > IDLE_MS) sessions.delete(old);
    const id = randomBytes(32).toString('base64url');
    sessions.set(id, now());
    res.setHeader('Set-Cookie', cookie(req, id));
    res.json({ passwordRequired: true, authenticated: true });
  });

  router.delete('/session', (req, res) => {
    const id = readCookie(req, SESSION_COOKIE);
    if (id !== undefined) sessions.delete(id);
    res.setHeader('Set-Cookie', cookie(req, '', true));
    res.status(204).end();
  });

  return { gate, router, count: () => sessions.size };
}
