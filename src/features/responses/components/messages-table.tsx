import {
  Chip,
  Link,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { twilioDocsUrl } from '../format';
import {
  localDate,
  readMessagesPage,
  shorten,
  statusTone,
  type MessageRow,
} from '../messages-page';

const COLUMNS = [
  'Date sent',
  'Direction',
  'From',
  'To',
  'Body',
  'Status',
  'Segments',
  'Price',
  'Error code',
  'SID',
];

const none = '—';

function DateSent({ value }: { value: string | null }) {
  if (!value) return none;
  const local = localDate(value);
  return local ? (
    <time dateTime={local.iso} title={value}>
      {local.text}
    </time>
  ) : (
    <>{value}</>
  );
}

function Row({ m }: { m: MessageRow }) {
  const tone = statusTone(m.status);
  return (
    <TableRow hover>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>
        <DateSent value={m.dateSent} />
      </TableCell>
      <TableCell>{m.direction}</TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>{m.from}</TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>{m.to}</TableCell>
      <TableCell title={m.body} sx={{ maxWidth: 280 }}>
        {m.body ? shorten(m.body) : none}
      </TableCell>
      <TableCell>
        <Chip
          label={m.status || 'unknown'}
          color={tone}
          size="small"
          variant={tone === 'warning' ? 'outlined' : 'filled'}
        />
      </TableCell>
      <TableCell align="right">{m.numSegments}</TableCell>
      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
        {m.price !== null ? `${m.price} ${m.priceUnit ?? ''}`.trim() : none}
      </TableCell>
      <TableCell>
        {m.errorCode !== null ? (
          <Link
            href={twilioDocsUrl(m.errorCode)}
            target="_blank"
            rel="noopener noreferrer"
            title={m.errorMessage ?? undefined}
          >
            {m.errorCode}
          </Link>
        ) : (
          none
        )}
      </TableCell>
      <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{m.sid}</TableCell>
    </TableRow>
  );
}

/** The messages of one List Message page as a plain table; the full message log comes with its own feature. */
export function MessagesTable({ data }: { data: unknown }) {
  const page = readMessagesPage(data);
  if (!page) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        This answer holds no list of messages.
      </Typography>
    );
  }
  const count = page.messages.length;
  const where = page.page !== null ? `Page ${page.page + 1}: ` : '';
  return (
    <Stack spacing={1}>
      <Typography variant="body2" data-testid="messages-paging">
        {where}
        {count} {count === 1 ? 'message' : 'messages'}.{' '}
        {page.nextPageUri
          ? 'More pages are available (Twilio returned a next_page_uri).'
          : 'This is the last page (no next_page_uri).'}
      </Typography>
      {count === 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          No messages on this page.
        </Typography>
      ) : (
        <TableContainer
          role="region"
          aria-label="Messages table"
          tabIndex={0}
          sx={{ maxHeight: 520 }}
        >
          <Table size="small" stickyHeader aria-label="Messages on this page">
            <TableHead>
              <TableRow>
                {COLUMNS.map((c) => (
                  <TableCell key={c} component="th" scope="col" sx={{ whiteSpace: 'nowrap' }}>
                    {c}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {page.messages.map((m, i) => (
                <Row key={m.sid || i} m={m} />
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Stack>
  );
}
