import { useMemo, useRef, useState } from 'react';
import type { EditConflict } from '../contract/accounts';
import type { Versioned } from '../contract/versions';
import { ApiError } from './api-client';

// No lost edits: an editor writes on top of the version it last read or wrote, never on top of
// whatever the server holds now. A write the server refuses (412) because someone else saved in
// between holds the conflict, and nothing more is sent until the person chooses: overwrite
// (Keep mine) or start again from theirs (Reload).

export const isEditConflict = (err: unknown): err is ApiError & { conflict: EditConflict } =>
  err instanceof ApiError && err.status === 412 && err.conflict !== undefined;

export interface EditConflictFlow {
  /** The change that refused the last write, while the person has not chosen what to do. */
  conflict: EditConflict | null;
  /**
   * Sends one write with the version to build on (the If-Match), records the version the server
   * answers, and holds a 412's conflict. The version is read when the write starts, so writes
   * queued one after another (a mutation scope) each build on the previous one's answer.
   */
  write<R extends Versioned>(send: (version: number | undefined) => Promise<R>): Promise<R>;
  /** Keep mine: the next write overwrites the version that conflicted. */
  overwrite(): void;
  /** Reload: the editor starts again from this version (theirs). */
  restart(version: number | undefined): void;
}

export function useEditConflict(openedVersion: number | undefined): EditConflictFlow {
  const base = useRef(openedVersion);
  // The write in flight reads the ref; the alert renders the state.
  const held = useRef<ApiError | null>(null);
  const [conflict, setConflict] = useState<EditConflict | null>(null);

  return useMemo<EditConflictFlow>(
    () => ({
      conflict,
      async write(send) {
        // A write queued before the conflict showed would only be refused again.
        if (held.current) throw held.current;
        try {
          const saved = await send(base.current);
          base.current = saved.version;
          return saved;
        } catch (err) {
          if (isEditConflict(err)) {
            held.current = err;
            setConflict(err.conflict);
          }
          throw err;
        }
      },
      overwrite() {
        if (held.current?.conflict) base.current = held.current.conflict.version;
        held.current = null;
        setConflict(null);
      },
      restart(version) {
        base.current = version;
        held.current = null;
        setConflict(null);
      },
    }),
    [conflict],
  );
}
