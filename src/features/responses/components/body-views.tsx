import { Alert, Box, Stack } from '@mui/material';
import { CopyButton } from '../../../components/copy-button';
import { JsonTree } from '../../../components/json-tree';
import { prettyJson } from '../format';

export function NoBody({ status }: { status: number }) {
  return (
    <Alert severity="info" variant="outlined">
      {status === 204
        ? 'Twilio answered 204 No Content: there is no body. For a delete, this means the message is gone.'
        : 'Twilio sent no body.'}
    </Alert>
  );
}

export function JsonView({ body }: { body: unknown }) {
  return (
    <Stack spacing={1}>
      <Box>
        <CopyButton label="Copy JSON" text={() => prettyJson(body)} />
      </Box>
      <JsonTree value={body} label="Response body" rootName="response" />
    </Stack>
  );
}

export function RawView({ body }: { body: unknown }) {
  const text = prettyJson(body);
  return (
    <Stack spacing={1}>
      <Box>
        <CopyButton label="Copy raw JSON" text={text} />
      </Box>
      {/* Focusable so the scrolling text can be read from the keyboard. */}
      <Box
        role="region"
        aria-label="Raw response body"
        tabIndex={0}
        sx={{ maxHeight: 480, overflow: 'auto', bgcolor: 'action.hover', borderRadius: 1 }}
      >
        <Box
          component="pre"
          sx={{
            m: 0,
            p: 1.5,
            fontSize: '0.8125rem',
            whiteSpace: 'pre-wrap',
            overflowWrap: 'anywhere',
          }}
        >
          {text}
        </Box>
      </Box>
    </Stack>
  );
}
