import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../views/parts/csv.ts';

/** The dashboard's CSV: a cell a spreadsheet could run as a formula starts with an apostrophe, whatever follows it. */
describe('dashboard CSV', () => {
  const dangerous = ['=HYPERLINK("x")<img src=x onerror=alert(1)>', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=1+1\nsecond line', '=cmd|"/c calc"!A1\r\n'];

  it('neutralises every cell that starts with = + - @, a tab or a carriage return, even with a line break inside', () => {
    const csv = toCsv(dangerous.map((name) => ({ name, score: -5 })), ['name', 'score']);
    const [header, ...rows] = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { newline: '\r\n' }).data;
    expect(header).toEqual(['name', 'score']);
    expect(rows.map((row) => row[0])).toEqual(dangerous.map((name) => `'${name}`));
    // A number is data, not a formula: a negative score stays a number.
    expect(rows.map((row) => row[1])).toEqual(dangerous.map(() => '-5'));
  });

  it('papaparse\'s own escapeFormulae: true misses a formula with a line break, which is why the page passes its own pattern', () => {
    expect(Papa.unparse([['=1+1\nsecond line']], { escapeFormulae: true })).not.toContain("'=");
  });

  it('leaves ordinary text alone and keeps Cyrillic (with a byte order mark for spreadsheets)', () => {
    const csv = toCsv([{ name: 'Анна Петрова', note: 'a, "quoted" value' }], ['name', 'note']);
    expect(csv).toBe('\uFEFFname,note\r\nАнна Петрова,"a, ""quoted"" value"');
  });
});
