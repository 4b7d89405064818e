import { Alert, AlertTitle, Button, Stack, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import type { EditConflict } from '../contract/accounts';
import { CopyButton } from './copy-button';

// What an editor shows when its write was refused because someone else saved first: who and
// when, and the three ways on. Nothing is sent meanwhile (see useEditConflict).

export interface EditConflictAlertProps {
  conflict: EditConflict;
  /** What is being edited, in words: "query", "page", "datasource". */
  what: string;
  /** Discard mine and load theirs. */
  onReload(): Promise<unknown>;
  /** Save mine over theirs. */
  onKeepMine(): void;
  /** Keep mine is being saved. */
  keeping?: boolean;
  /** My unsaved version, copied as JSON by "Copy mine". */
  mine(): unknown;
}

/** "Changed by NAME at TIME", the time in the reader's own locale. */
export function changedBy(conflict: EditConflict): string {
  const at = new Date(conflict.updatedAt);
  const time = Number.isNaN(at.getTime())
    ? conflict.updatedAt
    : at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return `Changed by ${conflict.updatedBy ?? 'someone else'} at ${time}`;
}

export function EditConflictAlert({
  conflict,
  what,
  onReload,
  onKeepMine,
  keeping = false,
  mine,
}: EditConflictAlertProps) {
  // A reload is asked for by the person and may fail: the mutation says whether it is under way.
  const reload = useMutation({ mutationFn: onReload });
  const busy = reload.isPending || keeping;
  return (
    <Alert severity="warning" role="alert" aria-label={`Edit conflict on this ${what}`}>
      <AlertTitle>{changedBy(conflict)}</AlertTitle>
      <Typography variant="body2">
        Someone saved this {what} after you opened it, so your changes are not saved and theirs are
        not overwritten. Reload shows theirs and drops yours; Keep mine saves yours over theirs;
        Copy mine copies yours as JSON.
      </Typography>
      {reload.isError && (
        <Typography variant="body2" color="error" role="status">
          Reload failed: {reload.error.message}
        </Typography>
      )}
      <Stack direction="row" spacing={1} sx={{ mt: 1.5 }}>
        <Button
          size="small"
          variant="outlined"
          onClick={() => reload.mutate()}
          disabled={busy}
          loading={reload.isPending}
        >
          Reload
        </Button>
        <Button
          size="small"
          variant="contained"
          onClick={onKeepMine}
          disabled={busy}
          loading={keeping}
        >
          Keep mine
        </Button>
        <CopyButton label="Copy mine" text={() => JSON.stringify(mine(), null, 2)} />
      </Stack>
    </Alert>
  );
}
