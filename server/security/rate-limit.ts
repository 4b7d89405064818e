import type { Request, RequestHandler } from 'express';
import { HttpError } from '../http-errors';

// A token bucket per client: `limit` requests at once, refilled at `limit` per window. It lives in
// memory (one process serves one install) and forgets clients whose bucket has refilled.

export interface RateLimiterOptions {
  /** Requests allowed per window; 0 turns the limiter off. */
  limit: number;
  windowMs?: number;
  now?(): number;
}

export interface RateDecision {
  ok: boolean;
  /** Whole seconds until one more request would be allowed (0 when ok). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export function createRateLimiter(options: RateLimiterOptions) {
  const { limit } = options;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const perMs = limit / windowMs;
  const buckets = new Map<string, Bucket>();
  let lastSweep = now();

  const current = (key: string, t: number): Bucket => {
    const b = buckets.get(key);
    if (!b) return { tokens: limit, at: t };
    return { tokens: Math.min(limit, b.tokens + (t - b.at) * perMs), at: t };
  };
  const sweep = (t: number) => {
    if (t - lastSweep < windowMs) return;
    lastSweep = t;
    for (const [key, b] of buckets) if (b.tokens + (t - b.at) * perMs >= limit) buckets.delete(key);
  };
  const decide = (b: Bucket): RateDecision =>
    b.tokens >= 1
      ? { ok: true, retryAfterSeconds: 0 }
      : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)) };

  return {
    enabled: limit > 0,
    limit,
    /** Counts one request for `key` when allowed. */
    hit(key: string): RateDecision {
      if (limit <= 0) return { ok: true, retryAfterSeconds: 0 };
      const t = now();
      sweep(t);
      const b = current(key, t);
      const decision = decide(b);
      if (decision.ok) b.tokens -= 1;
      buckets.set(key, b);
      return decision;
    },
    /** Whether `key` could make one more request, without counting one. */
    check(key: string): RateDecision {
      if (limit <= 0) return { ok: true, retryAfterSeconds: 0 };
      return decide(current(key, now()));
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

/**
 * The client's address: req.ip, which is the socket's unless TQB_TRUST_PROXY ('trust proxy') lets
 * Express take it from X-Forwarded-For.
 */
export const clientKey = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

export class RateLimitError extends HttpError {
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
    code = 'rate_limited',
  ) {
    super(429, code, message);
    this.headers['Retry-After'] = String(retryAfterSeconds);
  }
}

/** Answers 429 with Retry-After once a client has used up its requests for `what`. */
export function rateLimit(limiter: RateLimiter, what: string): RequestHandler {
  return (req, _res, next) => {
    const decision = limiter.hit(clientKey(req));
    if (decision.ok) return next();
    throw new RateLimitError(
      decision.retryAfterSeconds,
      `Too many requests to ${what}: at most ${limiter.limit} a minute per client (TQB_RATE_LIMIT). ` +
        `Try again in ${decision.retryAfterSeconds} s.`,
    );
  };
}
