import { useCallback, useEffect, useRef } from 'react';

/**
 * Calls `save` with the latest value once it has stopped changing for `delayMs`, and flushes a
 * pending save when the component unmounts, so nothing typed is lost on navigation. A value equal
 * to the last one handed to `save` (or the first) is not saved again. While `enabled` is false
 * nothing is saved, not even on unmount (an invalid name, or an edit conflict awaiting a choice).
 */
export function useDebouncedSave<T>(
  value: T,
  save: (value: T) => void,
  delayMs = 600,
  enabled = true,
) {
  const serialized = JSON.stringify(value);
  const latest = useRef({ value, save, serialized });
  latest.current = { value, save, serialized };
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saved = useRef(serialized);

  const cancel = useCallback(() => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = null;
  }, []);
  const saveNow = useCallback(() => {
    cancel();
    saved.current = latest.current.serialized;
    latest.current.save(latest.current.value);
  }, [cancel]);

  useEffect(() => {
    cancel();
    if (!enabled || serialized === saved.current) return;
    pending.current = setTimeout(saveNow, delayMs);
  }, [serialized, delayMs, enabled, cancel, saveNow]);

  useEffect(
    () => () => {
      if (pending.current) saveNow();
    },
    [saveNow],
  );

  /** Saves the latest value at once, enabled or not (Keep mine after an edit conflict). */
  return { saveNow };
}
