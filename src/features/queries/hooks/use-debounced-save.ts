import { useEffect, useRef } from 'react';

/**
 * Calls `save` with the latest value once it has stopped changing for `delayMs`, and flushes a
 * pending save when the component unmounts, so nothing typed is lost on navigation.
 */
export function useDebouncedSave<T>(
  value: T,
  save: (value: T) => void,
  delayMs = 600,
  enabled = true,
) {
  const latest = useRef({ value, save });
  latest.current = { value, save };
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const first = useRef(true);
  const serialized = JSON.stringify(value);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!enabled) return;
    if (pending.current) clearTimeout(pending.current);
    pending.current = setTimeout(() => {
      pending.current = null;
      latest.current.save(latest.current.value);
    }, delayMs);
  }, [serialized, delayMs, enabled]);

  useEffect(
    () => () => {
      if (pending.current) {
        clearTimeout(pending.current);
        latest.current.save(latest.current.value);
      }
    },
    [],
  );
}
