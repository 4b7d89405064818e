import {
  createContext,
  lazy,
  Suspense,
  useCallback,
  useContext,
  useRef,
  useState,
  type ReactNode,
} from 'react';

// The app's one confirmation: a dialog any part of the app can await, as
// `if (await confirm({ title: 'Run SendSms?', confirmLabel: 'Run' })) ...`.

export interface ConfirmRequest {
  title: string;
  detail?: string;
  /** The confirming button says what it does: "Run", "Delete". */
  confirmLabel: string;
  /** "Cancel" unless given. */
  cancelLabel?: string;
  /** For what cannot be undone: a red button, and the focus starts on the way out. */
  destructive?: boolean;
}

export type Confirm = (request: ConfirmRequest) => Promise<boolean>;

const ConfirmContext = createContext<Confirm | null>(null);

export function useConfirm(): Confirm {
  const confirm = useContext(ConfirmContext);
  if (!confirm) throw new Error('useConfirm outside ConfirmProvider');
  return confirm;
}

const ConfirmDialog = lazy(() =>
  import('./confirm-dialog').then((m) => ({ default: m.ConfirmDialog })),
);

export function ConfirmProvider({ children }: { children: ReactNode }) {
  // The last question stays after the answer, so the dialog keeps its words while it fades out;
  // its code loads with the first question.
  const [asked, setAsked] = useState<{ request: ConfirmRequest; open: boolean } | null>(null);
  const resolver = useRef<((ok: boolean) => void) | null>(null);
  const confirm = useCallback<Confirm>(
    (next) =>
      new Promise<boolean>((resolve) => {
        // A new question answers the one still open: no.
        resolver.current?.(false);
        resolver.current = resolve;
        setAsked({ request: next, open: true });
      }),
    [],
  );
  // Answers once: a double click on a button, or a click during the closing transition, is ignored.
  const close = useCallback((ok: boolean) => {
    resolver.current?.(ok);
    resolver.current = null;
    setAsked((last) => last && { ...last, open: false });
  }, []);
  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      {asked && (
        <Suspense fallback={null}>
          <ConfirmDialog request={asked.request} open={asked.open} onClose={close} />
        </Suspense>
      )}
    </ConfirmContext.Provider>
  );
}
