import type { EditConflict } from '../contract/accounts';
import { etagOf } from '../contract/versions';

// The browser's one way to the server: JSON in, JSON out, errors turned into ApiError with the
// server's code and message ({ error: { code, message, field? } }, and a 412's `conflict`).

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** A 412 `edit_conflict`: who changed the resource, and when. */
    readonly conflict?: EditConflict,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The header that makes a write apply only to the version it was based on. */
export const ifMatch = (version: number | undefined): Record<string, string> =>
  // A resource read from a server without versions has none to send: the write is then accepted.
  typeof version === 'number' ? { 'If-Match': etagOf(version) } : {};

export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: {
        Accept: 'application/json',
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        ...init.headers,
      },
    });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Is `npm start` still running?');
  }
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : null;
  if (!response.ok) {
    const error = (
      data as {
        error?: { code?: string; message?: string; field?: string; conflict?: EditConflict };
      } | null
    )?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `HTTP ${response.status}`,
      error?.field,
      error?.conflict,
    );
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
