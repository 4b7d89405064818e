import type { ExecuteResult } from '../contract/queries';

/** An error of our own server: validation before sending (with the field), 404, 502, 504... */
export interface RunError {
  status: number;
  code: string;
  message: string;
  field?: string;
}

/** Where one run of a query stands; the query editor produces it and the response preview shows it. */
export type RunState =
  | { status: 'idle' }
  | { status: 'running'; startedAt: number }
  | { status: 'done'; result: ExecuteResult; finishedAt: number }
  | { status: 'failed'; error: RunError; finishedAt: number };
