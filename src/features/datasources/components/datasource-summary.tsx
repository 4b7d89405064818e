import { Box, Button, Stack, Typography } from '@mui/material';
import type { Datasource } from '../../../contract/datasources';
import { ApiError } from '../../../lib/api-client';
import { useTestDatasource } from '../api/datasources';
import { TestResultAlert } from './test-result';

// A datasource for those who may read and test it but not change it (builders): what it connects
// to, never a secret, and Test, which the server runs with the saved secret.

function Row({ label, value }: { label: string; value: string }) {
  return (
    <>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0, fontFamily: 'monospace', wordBreak: 'break-all' }}>
        {value}
      </Typography>
    </>
  );
}

export function DatasourceSummary({ datasource: ds }: { datasource: Datasource }) {
  const test = useTestDatasource();
  return (
    <Stack spacing={2.5} sx={{ maxWidth: 560 }}>
      <Box
        component="dl"
        sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: 1, columnGap: 3, m: 0 }}
      >
        <Row
          label="Connects to"
          value={ds.target === 'emulator' ? 'Built-in emulator' : 'Twilio'}
        />
        <Row label="Authentication" value={ds.authType === 'api-key' ? 'API Key' : 'Basic Auth'} />
        <Row label="Account SID" value={ds.accountSid} />
        {ds.apiKeySid && <Row label="API Key SID" value={ds.apiKeySid} />}
        <Row
          label={ds.authType === 'api-key' ? 'API Key Secret' : 'Auth Token'}
          value={ds.hasSecret ? 'saved (never shown)' : 'none'}
        />
      </Box>
      <Typography variant="body2" color="text.secondary">
        Only admins change datasources.
      </Typography>
      {test.data && <TestResultAlert result={test.data} />}
      {test.error && (
        <TestResultAlert
          result={{
            ok: false,
            error: {
              code: test.error instanceof ApiError ? test.error.code : 'error',
              message: test.error.message,
            },
          }}
        />
      )}
      <Box>
        <Button
          variant="outlined"
          onClick={() => test.mutate({ id: ds.id })}
          loading={test.isPending}
        >
          Test
        </Button>
      </Box>
    </Stack>
  );
}
