import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

// A confirmation dialog any part of the app can await: `if (await confirm('Run SendSms?')) ...`.

type Confirm = (title: string, detail?: string) => Promise<boolean>;
const ConfirmContext = createContext<Confirm | null>(null);

export function useConfirm(): Confirm {
  const confirm = useContext(ConfirmContext);
  if (!confirm) throw new Error('useConfirm outside ConfirmProvider');
  return confirm;
}

export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<{ title: string; detail?: string } | null>(null);
  const resolver = useRef<((ok: boolean) => void) | null>(null);
  const confirm = useCallback<Confirm>(
    (title, detail) =>
      new Promise<boolean>((resolve) => {
        resolver.current?.(false);
        resolver.current = resolve;
        setOpen({ title, ...(detail ? { detail } : {}) });
      }),
    [],
  );
  const close = (ok: boolean) => {
    resolver.current?.(ok);
    resolver.current = null;
    setOpen(null);
  };
  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      <Dialog open={open !== null} onClose={() => close(false)} aria-labelledby="confirm-title">
        <DialogTitle id="confirm-title">{open?.title}</DialogTitle>
        {open?.detail && (
          <DialogContent>
            <DialogContentText>{open.detail}</DialogContentText>
          </DialogContent>
        )}
        <DialogActions>
          <Button onClick={() => close(false)}>Cancel</Button>
          <Button variant="contained" autoFocus onClick={() => close(true)}>
            Run
          </Button>
        </DialogActions>
      </Dialog>
    </ConfirmContext.Provider>
  );
}
