import { CircularProgress } from '@mui/material';
import { lazy, Suspense } from 'react';
import type { MessageLogProps } from '../features/message-log';

// The log (virtualized rows, drawer, CSV export) loads on first use, not with the app.
const MessageLogImpl = lazy(() =>
  import('../features/message-log').then((m) => ({ default: m.MessageLog })),
);

export function LazyMessageLog(props: MessageLogProps) {
  return (
    <Suspense fallback={<CircularProgress aria-label="Loading the message log" />}>
      <MessageLogImpl {...props} />
    </Suspense>
  );
}
