import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@mui/material';

export function ConfirmRunDialog(props: {
  open: boolean;
  title: string;
  summary: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  return (
    <Dialog open={props.open} onClose={props.onCancel} aria-labelledby="confirm-run-title">
      <DialogTitle id="confirm-run-title">{props.title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{props.summary}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button onClick={props.onConfirm} variant="contained" autoFocus>
          Run
        </Button>
      </DialogActions>
    </Dialog>
  );
}
