import { Router, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Clock } from './clock';
import { twilioErrors } from './errors';
import type { EmulatorIdentity } from './identity';
import type { Lifecycle, StatusChange } from './lifecycle';
import type { EmulatorStore } from './store';

export interface EmulatorSettings {
  trial: boolean;
  /** Shortest lead time Twilio accepts for SendAt, in seconds (DEFAULT_SCHEDULE_MIN_SECONDS by default). */
  scheduleMinSeconds: number;
  /** Time between lifecycle steps (queued -> sending -> sent -> delivered), in ms. */
  stepMs: number;
}

/** What the emulator's route handlers share. */
export interface EmulatorContext {
  identity: EmulatorIdentity;
  store: EmulatorStore;
  clock: Clock;
  lifecycle: Lifecycle;
  options: EmulatorSettings;
  logger: Logger;
  onStatusChange(change: StatusChange): void;
}

export const methodNotAllowed: RequestHandler = (req) => {
  throw twilioErrors.methodNotAllowed(req.method);
};

/**
 * A router that matches paths as Twilio does: case-sensitively (Messages.json, not messages.json)
 * and strictly (Messages.json/ is another path). Express's defaults are the opposite.
 */
export function twilioRouter(): Router {
  return Router({ mergeParams: true, caseSensitive: true, strict: true });
}
