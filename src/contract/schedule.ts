import { SCHEDULE_MAX_DAYS, SCHEDULE_MAX_SECONDS } from './twilio-limits';

// Twilio's scheduling window for SendAt (its bounds are in twilio-limits). The emulator's lower
// bound is configurable, so the lower bound is a parameter.

/** ISO 8601 in UTC with seconds: 2030-01-02T03:04:05Z (milliseconds allowed). */
export const ISO_UTC_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export interface ScheduleWindow {
  now: number;
  minSeconds: number;
}

export type SendAtCheck =
  | { ok: true; at: number }
  | { ok: false; reason: 'format' | 'too-soon' | 'too-late'; message: string };

/** "1 minute", "2 minutes". */
export const minutesText = (n: number) => `${n} minute${n === 1 ? '' : 's'}`;

export function checkSendAt(value: string, window: ScheduleWindow): SendAtCheck {
  const at = ISO_UTC_PATTERN.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(at)) {
    return {
      ok: false,
      reason: 'format',
      message: 'Send At must be ISO 8601 in UTC, such as 2030-01-02T03:04:05Z',
    };
  }
  const lead = (at - window.now) / 1000;
  const minMinutes = Math.ceil(window.minSeconds / 60);
  if (lead < window.minSeconds) {
    return {
      ok: false,
      reason: 'too-soon',
      message: `Send At must be at least ${minutesText(minMinutes)} from now (Twilio error 35114)`,
    };
  }
  if (lead > SCHEDULE_MAX_SECONDS) {
    return {
      ok: false,
      reason: 'too-late',
      message: `Send At must be at most ${SCHEDULE_MAX_DAYS} days from now (Twilio error 35114)`,
    };
  }
  return { ok: true, at };
}
