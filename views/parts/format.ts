/** A date and time as the reader's language writes it. */
export const formatDateTime = (at: number, language: string) => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
