import { Stack, Typography } from '@mui/material';
import { AuditLog } from '../../features/audit/components/audit-log';
import { useTitle } from '../use-title';

/** The page at /audit: who signed in, ran, sent and changed what. */
export function AuditPage() {
  useTitle('Audit log');
  return (
    <Stack spacing={2}>
      <Typography variant="h5" component="h1">
        Audit log
      </Typography>
      <AuditLog />
    </Stack>
  );
}
