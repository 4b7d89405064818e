import type { EditConflict, Versioned } from '../src/contract/accounts';
import { HttpError } from './http-errors';

// No lost edits: every write that two people can make names the version it was based on
// (If-Match), and one that is no longer current is refused with who changed it and when.

export class EditConflictError extends HttpError {
  constructor(readonly conflict: EditConflict) {
    const when = conflict.updatedAt;
    super(
      412,
      'edit_conflict',
      `Changed by ${conflict.updatedBy ?? 'someone'} at ${when} since you opened it.`,
    );
    this.extra.conflict = conflict;
  }
}

export const conflictOf = (current: Versioned & { updatedAt: string | null }): EditConflict => ({
  version: current.version,
  updatedBy: current.updatedBy,
  updatedAt: current.updatedAt ?? '',
});

/**
 * Refuses a write based on another version than the current one (`accepted` is what If-Match
 * names; undefined accepts any). Answers the version the atomic write must still find, if any.
 */
export function expectVersion(
  current: Versioned & { updatedAt: string | null },
  accepted: readonly number[] | undefined,
): number | undefined {
  if (accepted === undefined) return undefined;
  if (!accepted.includes(current.version)) throw new EditConflictError(conflictOf(current));
  return current.version;
}
