import {
  Box,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { ExecuteResult } from '../../../contract/queries';
import { requestRows } from '../body';

/** The request as the relay sent it to Twilio: method, path and form or query parameters by wire name. */
export function RequestView({ request }: { request: ExecuteResult['request'] }) {
  const rows = requestRows(request.params);
  return (
    <Stack spacing={2}>
      <Typography
        variant="body2"
        component="p"
        sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}
      >
        <Box component="strong" sx={{ mr: 1 }}>
          {request.method}
        </Box>
        {request.path || '(no request was recorded)'}
      </Typography>
      {rows.length === 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          No parameters were sent.
        </Typography>
      ) : (
        <TableContainer>
          <Table size="small" aria-label="Request parameters">
            <TableHead>
              <TableRow>
                <TableCell component="th" scope="col">
                  Parameter
                </TableCell>
                <TableCell component="th" scope="col">
                  Value
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.name}>
                  <TableCell
                    component="th"
                    scope="row"
                    sx={{ fontFamily: 'monospace', verticalAlign: 'top' }}
                  >
                    {row.name}
                  </TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
                    {row.values.map((v, i) => (
                      <Box
                        key={i}
                        sx={row.masked ? { color: 'text.secondary' } : undefined}
                        title={row.masked ? 'Hidden: a secret' : undefined}
                      >
                        {v === '' ? <em>(empty)</em> : v}
                      </Box>
                    ))}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Stack>
  );
}
