import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useMemo } from 'react';
import { displayText } from '../../../lib/display-text';

// A simple data table: quick search, paging and row selection, exposed to bindings.

const PREFERRED = [
  'date_sent',
  'direction',
  'from',
  'to',
  'body',
  'status',
  'num_segments',
  'price',
  'error_code',
  'sid',
];

function columnsOf(rows: unknown[]): string[] {
  const keys = new Set<string>();
  for (const row of rows.slice(0, 50))
    if (row && typeof row === 'object') for (const k of Object.keys(row)) keys.add(k);
  const preferred = PREFERRED.filter((k) => keys.has(k));
  return preferred.length >= 3 ? preferred : Array.from(keys).slice(0, 10);
}

const cellText = displayText;

export interface TableWidgetProps {
  label: string;
  rows: unknown[];
  pageNo: number;
  pageSize: number;
  searchText: string;
  selectedRowIndex: number;
  onChange(patch: { pageNo?: number; searchText?: string; selectedRowIndex?: number }): void;
}

export function TableWidget({
  label,
  rows,
  pageNo,
  pageSize,
  searchText,
  selectedRowIndex,
  onChange,
}: TableWidgetProps) {
  const columns = useMemo(() => columnsOf(rows), [rows]);
  const filtered = useMemo(() => {
    const needle = searchText.trim().toLowerCase();
    const indexed = rows.map((row, index) => ({ row, index }));
    if (!needle) return indexed;
    return indexed.filter(({ row }) =>
      columns.some((c) =>
        cellText((row as Record<string, unknown>)?.[c])
          .toLowerCase()
          .includes(needle),
      ),
    );
  }, [rows, columns, searchText]);
  const page = Math.min(
    Math.max(pageNo - 1, 0),
    Math.max(0, Math.ceil(filtered.length / pageSize) - 1),
  );
  const visible = filtered.slice(page * pageSize, page * pageSize + pageSize);

  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
        <Typography variant="subtitle1" component="h3" sx={{ flexGrow: 1 }}>
          {label}
        </Typography>
        <TextField
          size="small"
          label={`Search ${label}`}
          value={searchText}
          onChange={(e) => onChange({ searchText: e.target.value, pageNo: 1 })}
        />
      </Box>
      <TableContainer sx={{ maxHeight: 480 }}>
        <Table size="small" stickyHeader aria-label={label}>
          <TableHead>
            <TableRow>
              {columns.map((c) => (
                <TableCell key={c}>{c}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {visible.length === 0 && (
              <TableRow>
                <TableCell colSpan={Math.max(1, columns.length)}>No rows</TableCell>
              </TableRow>
            )}
            {visible.map(({ row, index }) => (
              <TableRow
                key={index}
                hover
                selected={index === selectedRowIndex}
                onClick={() => onChange({ selectedRowIndex: index })}
                tabIndex={0}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') onChange({ selectedRowIndex: index });
                }}
                aria-selected={index === selectedRowIndex}
                sx={{ cursor: 'pointer' }}
              >
                {columns.map((c) => {
                  const text = cellText((row as Record<string, unknown>)?.[c]);
                  return (
                    <TableCell
                      key={c}
                      title={text}
                      sx={{
                        maxWidth: 280,
                        overflow: 'hidden',
                        textOverflow: 'ellipsis',
                        whiteSpace: 'nowrap',
                      }}
                    >
                      {text}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={filtered.length}
        page={page}
        rowsPerPage={pageSize}
        rowsPerPageOptions={[pageSize]}
        onPageChange={(_e, p) => onChange({ pageNo: p + 1 })}
      />
    </Box>
  );
}
