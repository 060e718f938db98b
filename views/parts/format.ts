const formats = new Map<string, Intl.DateTimeFormat>();

/** A date and time as the reader's language writes it (one formatter per language: a grid of hundreds of rows asks often). */
export function formatDateTime(at: number, language: string): string {
  let format = formats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    formats.set(language, format);
  }
  return format.format(at);
}
