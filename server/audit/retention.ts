import type { Logger } from '../logger';
import type { AuditService } from './service';

const DAY_MS = 86_400_000;

/**
 * Prunes the audit log past TQB_AUDIT_RETENTION_DAYS now and once a day after. The timer does not
 * keep the process alive; stop() ends it.
 */
export function startAuditRetention(
  audit: Pick<AuditService, 'prune'>,
  logger: Logger,
  everyMs = DAY_MS,
): { stop(): void; done: Promise<void> } {
  const run = async () => {
    try {
      const pruned = await audit.prune();
      if (pruned > 0) logger.info({ pruned }, 'pruned audit events past their retention');
    } catch (err) {
      logger.error({ err }, 'pruning the audit log failed');
    }
  };
  const done = run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), done };
}
