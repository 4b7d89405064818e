import { Alert, Box, Button, Chip, Drawer, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useConfirm } from '../../../components/confirm';
import { JsonTree } from '../../../components/json-tree';
import {
  canCancel,
  canDelete,
  canRedact,
  explainRefusal,
  GROUP_COLOR,
  statusGroup,
  type Message,
} from '../model';
import type { SeenStatus } from '../updates';
import { LogError, type MessageLogSource } from '../use-message-log';

type Action = 'cancel' | 'redact' | 'delete';

const QUESTIONS: Record<Action, { title: string; detail: string; confirmLabel: string }> = {
  cancel: {
    title: 'Cancel this scheduled message?',
    detail: 'Twilio will not send it. This cannot be undone.',
    confirmLabel: 'Cancel message',
  },
  redact: {
    title: 'Redact the body?',
    detail: "Twilio replaces the message's body with an empty string. This cannot be undone.",
    confirmLabel: 'Redact',
  },
  delete: {
    title: 'Delete this message?',
    detail: "It is removed from the account's logs. This cannot be undone.",
    confirmLabel: 'Delete',
  },
};

export interface MessageDrawerProps {
  message: Message | null;
  history: readonly SeenStatus[];
  source: MessageLogSource;
  onClose(): void;
  onUpdated(m: Message): void;
  onDeleted(sid: string): void;
}

/** One message: Fetch Message's JSON, the statuses seen, and the actions Twilio allows now. */
const describeFailure = (err: unknown) =>
  err instanceof LogError
    ? explainRefusal(err.code, err.message)
    : err instanceof Error
      ? err.message
      : String(err);

export function MessageDrawer({
  message,
  history,
  source,
  onClose,
  onUpdated,
  onDeleted,
}: MessageDrawerProps) {
  const [fetched, setFetched] = useState<Message | null>(null);
  // Both belong to one message: a newly opened message never shows the last one's answer.
  const [failure, setFailure] = useState<{ sid: string; text: string } | null>(null);
  const confirm = useConfirm();
  const [busy, setBusy] = useState(false);
  // The drawer slides out after `message` becomes null: it keeps showing the last message until then.
  const [shown, setShown] = useState<Message | null>(message);
  if (message && message !== shown) setShown(message);
  const sid = message?.sid;

  useEffect(() => {
    if (!sid) return;
    let live = true;
    source
      .fetch(sid)
      .then((m) => {
        if (!live) return;
        setFetched(m);
        onUpdated(m);
      })
      .catch((err: unknown) => live && setFailure({ sid, text: describeFailure(err) }));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetch once per opened message
  }, [sid, source]);

  const last = message ?? shown;
  const current = fetched && fetched.sid === last?.sid ? fetched : last;
  const error = failure && failure.sid === current?.sid ? failure.text : null;
  const run = async (action: Action) => {
    if (!current) return;
    if (!(await confirm({ ...QUESTIONS[action], cancelLabel: 'Keep it', destructive: true })))
      return;
    setBusy(true);
    setFailure(null);
    try {
      if (action === 'delete') {
        await source.remove(current.sid);
        onDeleted(current.sid);
        onClose();
      } else {
        const updated =
          action === 'cancel' ? await source.cancel(current.sid) : await source.redact(current.sid);
        setFetched(updated);
        onUpdated(updated);
      }
    } catch (err) {
      setFailure({ sid: current.sid, text: describeFailure(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      anchor="right"
      open={message !== null}
      onClose={onClose}
      slotProps={{ paper: { sx: { width: { xs: '100%', sm: 520 }, p: 2 } } }}
    >
      {current && (
        <Stack spacing={2} role="region" aria-label={`Message ${current.sid}`}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography
              variant="h6"
              component="h2"
              sx={{ flexGrow: 1, fontFamily: 'monospace', fontSize: 15, wordBreak: 'break-all' }}
            >
              {current.sid}
            </Typography>
            <Chip
              label={current.status}
              color={GROUP_COLOR[statusGroup(current.status)]}
              size="small"
            />
            <Button onClick={onClose}>Close</Button>
          </Stack>
          <Stack direction="row" spacing={1}>
            <Button
              variant="outlined"
              disabled={!canCancel(current) || busy}
              onClick={() => void run('cancel')}
            >
              Cancel
            </Button>
            <Button
              variant="outlined"
              disabled={!canRedact(current) || busy}
              onClick={() => void run('redact')}
            >
              Redact body
            </Button>
            <Button
              variant="outlined"
              color="error"
              disabled={!canDelete(current) || busy}
              onClick={() => void run('delete')}
            >
              Delete
            </Button>
          </Stack>
          {error && <Alert severity="error">{error}</Alert>}
          <Box>
            <Typography variant="subtitle2" component="h3">
              Status history as seen
            </Typography>
            {history.map((h, i) => (
              <Typography key={i} variant="body2">
                {new Date(h.at).toLocaleTimeString()} — {h.status}
              </Typography>
            ))}
          </Box>
          <Box>
            <Typography variant="subtitle2" component="h3">
              Fetch Message
            </Typography>
            {fetched && fetched.sid === current?.sid ? (
              <JsonTree value={fetched} label="Fetched message" />
            ) : (
              <Typography variant="body2">Loading…</Typography>
            )}
          </Box>
        </Stack>
      )}
    </Drawer>
  );
}
