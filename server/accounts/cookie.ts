import type { Request } from 'express';

// The session cookie: the random id itself (the database keeps only its hash). HttpOnly so no
// script reads it, SameSite=Strict so no other site's page sends it, Secure when the browser came
// over HTTPS (req.secure, which believes X-Forwarded-Proto only as far as TQB_TRUST_PROXY says).

export const SESSION_COOKIE = 'tqb_session';
const MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

export function readSessionCookie(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function cookie(req: Request, value: string, maxAge: number): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${req.secure ? '; Secure' : ''}`;
}

export const sessionCookie = (req: Request, token: string) => cookie(req, token, MAX_AGE_SECONDS);
export const clearedSessionCookie = (req: Request) => cookie(req, '', 0);
