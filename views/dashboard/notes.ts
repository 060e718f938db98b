import { html, nothing } from 'lit';
import type { CoachingNote } from '../../src/index.ts';
import { formatDateTime } from '../parts/format.ts';
import type { Words } from './text.ts';

export const NOTE_MAX = 2000;

export interface NotesOptions {
  notes: readonly CoachingNote[];
  /** Null: the notes could not be read (said instead of an empty list). */
  failed?: boolean;
  /** Staff write and delete; the trainee only reads. */
  write?: { name: string; add: (text: string) => void; remove: (note: CoachingNote) => void; busy: boolean };
  /** The last action's result, worded. */
  message?: { tone: 'error' | 'success'; text: string };
}

/** Coaching notes, newest first; the form and the delete buttons for staff. Note text is shown as text, line breaks kept. */
export function notesSection(words: Words, options: NotesOptions) {
  const { say } = words;
  const { write, message } = options;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const field = (event.currentTarget as HTMLFormElement).elements.namedItem('note') as HTMLTextAreaElement;
    write?.add(field.value);
  };
  return html`<section aria-labelledby="notes-heading" class="notes-section">
    <h2 id="notes-heading">${say('notes.heading')}</h2>
    ${write
      ? html`<form class="note-form" @submit=${submit}>
          <label for="note">${say('notes.label', { name: write.name })}</label>
          <textarea id="note" name="note" rows="3" maxlength=${NOTE_MAX}></textarea>
          <button type="submit" class="primary" aria-disabled=${String(write.busy)}>${say('notes.add')}</button>
        </form>`
      : nothing}
    <p class="message error" role="alert">${message?.tone === 'error' ? message.text : nothing}</p>
    <p class="message success" role="status">${message?.tone === 'success' ? message.text : nothing}</p>
    ${options.failed
      ? html`<p class="empty">${say('errors.notes')}</p>`
      : options.notes.length === 0
        ? html`<p class="empty" data-testid="no-notes">${say('notes.none')}</p>`
        : html`<ul class="notes" data-testid="notes">
            ${options.notes.map(
              (note) => html`<li class="note-item panel" data-note=${note.id}>
                <p class="note-text">${note.text}</p>
                <p class="meta">${say('notes.by', { author: note.author, date: formatDateTime(note.createdAt, words.language) })}</p>
                ${write
                  ? html`<button type="button" class="danger" @click=${() => write.remove(note)}>${say('notes.delete')}<span class="visually-hidden"> ${say('notes.deleteContext', { date: formatDateTime(note.createdAt, words.language) })}</span></button>`
                  : nothing}
              </li>`,
            )}
          </ul>`}
  </section>`;
}
