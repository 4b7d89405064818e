import type { ExecuteResult } from '../contract/queries';
import { ApiError } from './api-client';

/** An error of our own server: validation before sending (with the field), 404, 502, 504... */
export interface RunError {
  status: number;
  code: string;
  message: string;
  field?: string;
}

/**
 * Where one run of a query stands; the query editor reads it from its mutation and the response
 * preview shows it. `startedAt` tells one run from the next, so that a new answer gets fresh views.
 */
export type RunState =
  | { status: 'idle' }
  | { status: 'running'; startedAt: number }
  | { status: 'done'; result: ExecuteResult; startedAt: number }
  | { status: 'failed'; error: RunError; startedAt: number };

export function runErrorOf(err: unknown): RunError {
  const e = err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err));
  return {
    status: e.status,
    code: e.code,
    message: e.message,
    ...(e.field ? { field: e.field } : {}),
  };
}

/** A run as TanStack Query's mutation of it stands (the fields of its result that matter). */
export interface ExecuteMutationState {
  status: 'idle' | 'pending' | 'success' | 'error';
  data: ExecuteResult | undefined;
  error: unknown;
  submittedAt: number;
}

export function runStateOf(mutation: ExecuteMutationState): RunState {
  const startedAt = mutation.submittedAt;
  switch (mutation.status) {
    case 'idle':
      return { status: 'idle' };
    case 'pending':
      return { status: 'running', startedAt };
    case 'success':
      return { status: 'done', result: mutation.data!, startedAt };
    case 'error':
      return { status: 'failed', error: runErrorOf(mutation.error), startedAt };
  }
}
