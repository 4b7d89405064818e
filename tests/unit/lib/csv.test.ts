import Papa from 'papaparse';
import { toCsv } from '../../../src/lib/csv';

// The one CSV writer both exports use: a spreadsheet must never run a cell as a formula.

const cellOf = (csv: string) =>
  Papa.parse<Record<string, string>>(csv, { header: true }).data[0]!.v;

describe('toCsv', () => {
  it.each([
    ['=HYPERLINK("http://x","y")'],
    ['=1+1\nfoo'],
    ['+1'],
    ['-1'],
    ['@SUM(A1)'],
    ['\tx'],
    ['\rx'],
  ])('starts %j with a quote, so it stays text', (v) => {
    expect(cellOf(toCsv([{ v }]))).toBe(`'${v}`);
  });

  it('leaves other text as written, and keeps the columns asked for in order', () => {
    expect(cellOf(toCsv([{ v: 'a = b' }]))).toBe('a = b');
    expect(toCsv([{ b: '2', a: '1' }], ['a', 'b'])).toBe('a,b\r\n1,2');
  });
});
