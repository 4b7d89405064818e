import { Alert, AlertTitle, Link, Typography } from '@mui/material';
import type { ExecuteResult } from '../../../contract/queries';
import { statusText, twilioDocsUrl } from '../format';
import { explainTwilioError } from '../twilio-errors';

/** Twilio refused the request: its code and message, what that usually means, and its docs page. */
export function TwilioErrorAlert({ result }: { result: ExecuteResult }) {
  const error = result.error ?? {
    code: null,
    message: `Twilio answered ${statusText(result.status)}`,
    moreInfo: null,
  };
  const explanation = explainTwilioError(error.code);
  const docs = error.moreInfo ?? (error.code !== null ? twilioDocsUrl(error.code) : null);
  return (
    <Alert severity="error" variant="outlined">
      <AlertTitle>
        {error.code !== null ? `Twilio error ${error.code}` : 'Twilio refused the request'} (
        {statusText(result.status)})
      </AlertTitle>
      <Typography variant="body2">{error.message}</Typography>
      {explanation && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {explanation}
        </Typography>
      )}
      {docs && (
        <Link
          href={docs}
          target="_blank"
          rel="noopener noreferrer"
          variant="body2"
          sx={{ display: 'inline-block', mt: 1 }}
        >
          {error.code !== null
            ? `Twilio docs for error ${error.code}`
            : 'Twilio docs for this error'}
        </Link>
      )}
    </Alert>
  );
}
