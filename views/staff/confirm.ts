import { html } from 'lit';
import { StaffElement } from './element.ts';

export interface Question {
  heading: string;
  text: string;
  confirmLabel: string;
}

let nextId = 0;

/**
 * Asks before something that cannot be undone. A modal <dialog>: focus stays inside, Esc cancels,
 * Cancel comes first, so it has focus and a stray Enter never deletes, and focus returns to where it was.
 */
export class StaffConfirm extends StaffElement {
  static override properties = { ...StaffElement.properties, question: { state: true } };
  declare question: Question | undefined;
  private readonly idPrefix = `confirm-${++nextId}`;

  async ask(question: Question): Promise<boolean> {
    this.question = question;
    await this.updateComplete;
    const dialog = this.querySelector('dialog') as HTMLDialogElement;
    dialog.returnValue = '';
    dialog.showModal();
    // Esc closes with an empty returnValue; the buttons close with their own value.
    await new Promise((resolve) => dialog.addEventListener('close', resolve, { once: true }));
    return dialog.returnValue === 'confirm';
  }

  override render() {
    const question = this.question;
    return html`<dialog aria-labelledby="${this.idPrefix}-heading" aria-describedby="${this.idPrefix}-text">
      <form method="dialog">
        <h2 id="${this.idPrefix}-heading">${question?.heading}</h2>
        <p id="${this.idPrefix}-text">${question?.text}</p>
        <div class="actions">
          <button value="cancel">${this.t('confirm.cancel')}</button>
          <button value="confirm" class="danger">${question?.confirmLabel}</button>
        </div>
      </form>
    </dialog>`;
  }
}

customElements.define('staff-confirm', StaffConfirm);
