import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@mui/material';
import { useId } from 'react';
import type { ConfirmRequest } from './confirm';

// The dialog behind useConfirm, loaded the first time something asks (the first screen never does).

export function ConfirmDialog({
  request,
  open,
  onClose,
}: {
  request: ConfirmRequest;
  open: boolean;
  onClose(ok: boolean): void;
}) {
  const titleId = useId();
  // What cannot be undone starts on the way out, so that Enter does not do it by accident.
  const destructive = request.destructive === true;
  return (
    <Dialog open={open} onClose={() => onClose(false)} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{request.title}</DialogTitle>
      {request.detail && (
        <DialogContent>
          <DialogContentText>{request.detail}</DialogContentText>
        </DialogContent>
      )}
      <DialogActions>
        <Button onClick={() => onClose(false)} autoFocus={destructive}>
          {request.cancelLabel ?? 'Cancel'}
        </Button>
        <Button
          variant="contained"
          color={destructive ? 'error' : 'primary'}
          autoFocus={!destructive}
          onClick={() => onClose(true)}
        >
          {request.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
