import Papa from 'papaparse';

/**
 * CSV for spreadsheets. A cell that starts with = + - @, a tab or a carriage return could run as a
 * formula, so it gets a leading apostrophe. papaparse's own `escapeFormulae: true` pattern,
 * /^[=+\-@\t\r].*$/, lets such a cell through when it holds a line break (`.` stops there), so
 * the page hands it this one instead. Numbers stay numbers (a negative score is not a formula).
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

export function toCsv<T extends object>(rows: readonly T[], columns: readonly (keyof T & string)[]): string {
  const data = rows.map((row) => columns.map((column) => row[column] ?? ''));
  // The byte order mark makes spreadsheet programs read the file as UTF-8 (Cyrillic names).
  return `\uFEFF${Papa.unparse({ fields: [...columns], data }, { escapeFormulae: FORMULA_START, newline: '\r\n' })}`;
}

/** Saves text as a file the browser downloads. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Today as YYYY-MM-DD, for file names. */
export const today = () => new Date().toISOString().slice(0, 10);
