import Papa from 'papaparse';

// OWASP's CSV injection list. papaparse's own `escapeFormulae: true` tests /^[=+\-@\t\r].*$/,
// whose `.` stops at a line break: a multi-line cell starting with = would slip through.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Rows as CSV for a spreadsheet: a cell it would run as a formula (starting with = + - @, a tab
 * or a carriage return, over several lines too) starts with ' instead. Every CSV export goes
 * through here, since a cell may hold text anyone can send (an inbound SMS body).
 */
export function toCsv(
  rows: readonly Record<string, unknown>[],
  columns?: readonly string[],
): string {
  return Papa.unparse(rows as Record<string, unknown>[], {
    escapeFormulae: FORMULA_START,
    ...(columns ? { columns: [...columns] } : {}),
  });
}
