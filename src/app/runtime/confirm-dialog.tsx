import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@mui/material';

// The dialog behind useConfirm, loaded the first time something asks (the first screen never does).

export function ConfirmDialog({
  open,
  onClose,
}: {
  open: { title: string; detail?: string } | null;
  onClose(ok: boolean): void;
}) {
  return (
    <Dialog open={open !== null} onClose={() => onClose(false)} aria-labelledby="confirm-title">
      <DialogTitle id="confirm-title">{open?.title}</DialogTitle>
      {open?.detail && (
        <DialogContent>
          <DialogContentText>{open.detail}</DialogContentText>
        </DialogContent>
      )}
      <DialogActions>
        <Button onClick={() => onClose(false)}>Cancel</Button>
        <Button variant="contained" autoFocus onClick={() => onClose(true)}>
          Run
        </Button>
      </DialogActions>
    </Dialog>
  );
}
