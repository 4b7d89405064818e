import type { Logger } from 'pino';
import type { Clock } from './clock';
import { deliveryErrorMessage } from './magic-numbers';
import { priceFor, segmentsFor } from './pricing';
import type { EmulatorStore, MessageRow, MessageStatus } from './store';

// Messages move on by themselves: accepted or scheduled -> queued -> sending -> sent -> delivered
// (-> read on WhatsApp), or to failed/undelivered when their planned outcome says so. Each step is
// due `stepMs` after the previous one and takes effect at its due time, so a restart or a clock
// moved forward by a test replays the missed steps with the times they would have had.

export const FINAL_STATUSES: ReadonlySet<MessageStatus> = new Set([
  'delivered',
  'undelivered',
  'failed',
  'read',
  'received',
  'canceled',
]);

export interface StatusChange {
  message: MessageRow;
  previous: MessageStatus;
}

export interface LifecycleDeps {
  store: EmulatorStore;
  clock: Clock;
  stepMs: number;
  /** Chooses a sender from the Messaging Service's pool when the message has none. */
  pickSender(message: MessageRow): string | null;
  onChange(change: StatusChange): void;
  logger: Logger;
}

/** Applies one due step to a message; returns null when it has nothing left to do. */
export function step(
  m: MessageRow,
  deps: Pick<LifecycleDeps, 'pickSender' | 'stepMs'>,
): MessageRow | null {
  if (m.nextAt === null) return null;
  const at = m.nextAt;
  const next = (
    status: MessageStatus,
    more: Partial<MessageRow> = {},
    final = false,
  ): MessageRow => ({
    ...m,
    ...more,
    status,
    dateUpdated: at,
    nextAt: final ? null : at + deps.stepMs,
  });
  switch (m.status) {
    case 'accepted':
    case 'scheduled': {
      const from = m.from ?? deps.pickSender(m);
      return next('queued', { from, numSegments: segmentsFor(m.to, m.body, m.mediaUrls.length) });
    }
    case 'queued':
      return next('sending');
    case 'sending':
      if (m.outcome === 'failed') {
        const code = m.outcomeErrorCode ?? 30008;
        return next('failed', { errorCode: code, errorMessage: deliveryErrorMessage(code) }, true);
      }
      return next('sent', {
        dateSent: at,
        price: priceFor(m.to, m.numSegments, m.mediaUrls.length),
        priceUnit: 'USD',
      });
    case 'sent':
      if (m.outcome === 'undelivered') {
        const code = m.outcomeErrorCode ?? 30003;
        return next(
          'undelivered',
          { errorCode: code, errorMessage: deliveryErrorMessage(code) },
          true,
        );
      }
      return next('delivered', {}, m.outcome !== 'read');
    case 'delivered':
      return m.outcome === 'read' ? next('read', {}, true) : { ...m, nextAt: null };
    default:
      return { ...m, nextAt: null };
  }
}

export function createLifecycle(deps: LifecycleDeps) {
  const { store, clock, logger } = deps;
  let timer: NodeJS.Timeout | undefined;

  /** Brings every message whose next step is due up to the clock's present. */
  function tick(): number {
    const now = clock.now();
    const changes: StatusChange[] = [];
    const run = store.db.transaction(() => {
      for (;;) {
        const due = store.dueMessages(now, 500);
        if (due.length === 0) return;
        for (const original of due) {
          let current = original;
          for (;;) {
            if (current.nextAt === null || current.nextAt > now) break;
            const moved = step(current, deps);
            if (!moved) break;
            if (moved.status !== current.status)
              changes.push({ message: moved, previous: current.status });
            current = moved;
          }
          store.saveMessage(current);
        }
      }
    });
    run();
    for (const change of changes) {
      try {
        deps.onChange(change);
      } catch (err) {
        logger.warn({ err, sid: change.message.sid }, 'status change listener failed');
      }
    }
    return changes.length;
  }

  return {
    tick,
    /** Runs `tick` on a timer; reads also call `tick` first, so the timer only drives callbacks. */
    start(intervalMs = 200) {
      if (timer) return;
      timer = setInterval(() => {
        try {
          tick();
        } catch (err) {
          logger.error({ err }, 'emulator lifecycle tick failed');
        }
      }, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}

export type Lifecycle = ReturnType<typeof createLifecycle>;
