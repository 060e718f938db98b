import { html } from 'lit';
import { StaffElement } from './element.ts';

let nextId = 0;

/**
 * Something staff hand on (a join link or code, a set-password link): shown in a read-only field
 * anyone can select, with a button that copies it and says so.
 */
export class StaffCopyField extends StaffElement {
  static override properties = {
    ...StaffElement.properties,
    label: { attribute: false },
    value: { attribute: false },
    copyLabel: { attribute: false },
    status: { state: true },
  };
  declare label: string;
  declare value: string;
  /** The button's text, e.g. "Copy link". */
  declare copyLabel: string;
  /** Text key of what the last copy did, or '' before the first. */
  declare status: '' | 'copy.done' | 'copy.failed';
  private readonly inputId = `copy-field-${++nextId}`;

  constructor() {
    super();
    this.status = '';
  }

  private async copy(): Promise<void> {
    const input = this.querySelector('input');
    try {
      await navigator.clipboard.writeText(this.value);
      this.status = 'copy.done';
    } catch {
      // No clipboard access (plain HTTP on a LAN address, or refused): leave it selected for Ctrl+C.
      input?.focus();
      input?.select();
      this.status = 'copy.failed';
    }
  }

  override render() {
    return html`<div class="copy-field">
      <label for=${this.inputId}>${this.label}</label>
      <div class="copy-row">
        <input id=${this.inputId} readonly .value=${this.value} spellcheck="false" @focus=${(event: FocusEvent) => (event.target as HTMLInputElement).select()} />
        <button type="button" @click=${this.copy}>${this.copyLabel}</button>
      </div>
      <p class="copy-status" role="status">${this.status && this.t(this.status)}</p>
    </div>`;
  }
}

customElements.define('staff-copy-field', StaffCopyField);
