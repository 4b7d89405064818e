import type { AuditAction } from '../../src/contract/accounts';
import type { AuditRepository } from '../audit/repository';
import { RateLimitError } from '../security/rate-limit';

// Password guessing is limited per client and per username, counted from the audit log's failed
// attempts: the store every instance shares, so a restart or a second instance does not reset it.

export const IP_LIMIT = { failures: 5, windowMs: 60_000 };
export const USERNAME_LIMIT = { failures: 10, windowMs: 15 * 60_000 };

/** Attempts that guess a password or a token. */
const GUESSES: readonly AuditAction[] = ['session.sign_in', 'session.password_change', 'setup'];

export interface SignInLimitsDeps {
  repo: Pick<AuditRepository, 'failureTimes'>;
  now(): number;
}

export function signInLimits(deps: SignInLimitsDeps) {
  /** Seconds until the window holds fewer than `limit` failures again; 0 when it already does. */
  async function wait(
    limit: { failures: number; windowMs: number },
    by: { ip?: string; actor?: string },
  ): Promise<number> {
    const now = deps.now();
    const times = await deps.repo.failureTimes({
      actions: GUESSES,
      since: new Date(now - limit.windowMs).toISOString(),
      ...by,
    });
    if (times.length < limit.failures) return 0;
    // The window must lose all but limit - 1 of them: the oldest of those that stay decides.
    const freeing = Date.parse(times[times.length - limit.failures]!) + limit.windowMs;
    return Math.max(1, Math.ceil((freeing - now) / 1000));
  }

  return {
    /** Throws 429 too_many_logins with Retry-After when this client or username has failed too often. */
    async check(ip: string | null, username?: string): Promise<void> {
      const seconds = Math.max(
        ip === null ? 0 : await wait(IP_LIMIT, { ip }),
        username === undefined ? 0 : await wait(USERNAME_LIMIT, { actor: username }),
      );
      if (seconds === 0) return;
      throw new RateLimitError(
        seconds,
        `Too many failed sign-ins. Try again in ${seconds} s.`,
        'too_many_logins',
      );
    },
  };
}

export type SignInLimits = ReturnType<typeof signInLimits>;
