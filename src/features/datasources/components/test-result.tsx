import { Alert, AlertTitle, Link } from '@mui/material';
import type { TestResult } from '../../../contract/datasources';

/** What "Test" found: the account, a trial's limits, or why Twilio refused. */
export function TestResultAlert({ result }: { result: TestResult }) {
  if (!result.ok) {
    const e = result.error;
    return (
      <Alert severity="error" role="status">
        <AlertTitle>
          Connection failed{e && typeof e.code === 'number' ? ` (Twilio error ${e.code})` : ''}
        </AlertTitle>
        {e?.message}
        {e?.moreInfo && (
          <>
            {' '}
            <Link href={e.moreInfo} target="_blank" rel="noreferrer">
              Twilio docs
            </Link>
          </>
        )}
      </Alert>
    );
  }
  const a = result.account;
  return (
    <Alert severity="success" role="status">
      <AlertTitle>Connected</AlertTitle>
      {a?.friendlyName ? `${a.friendlyName} · ` : ''}
      {a?.sid}
      {a?.type ? ` · ${a.type} account` : ''}
      {a?.status ? ` · ${a.status}` : ''}
      {result.note && <div>{result.note}</div>}
      {a?.type === 'Trial' && (
        <div>
          Trial account: messages can only go to verified caller IDs
          {result.verifiedCallerIds && result.verifiedCallerIds.length > 0
            ? ` (${result.verifiedCallerIds.join(', ')}).`
            : '; none is verified yet.'}
        </div>
      )}
    </Alert>
  );
}
