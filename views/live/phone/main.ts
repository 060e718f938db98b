import { html, render } from 'lit';
import { ScenarioBook } from '../../parts/scenarioBook.ts';
import type { StartScreen } from '../main.ts';
import { ScenarioSource } from '../parts/scenarios.ts';
import { roomUrl } from '../socket/environment.ts';
import { SocketLink } from '../socket/link.ts';
import type { LiveText } from '../text.ts';
import './phone.css';
import './phone.ts';

/** What the team server says of a room before a phone joins: whether it is open, and (in a cohort room) who this browser's trainee is. */
async function lookUp(code: string): Promise<{ open: boolean; you: string | null }> {
  try {
    const response = await fetch(roomUrl(code), { headers: { accept: 'application/json' } });
    if (response.status === 404) return { open: false, you: null };
    const body = (await response.json()) as { you?: { name: string } | null };
    return { open: true, you: body.you?.name ?? null };
  } catch {
    // The server cannot be asked now: the socket will keep trying, and say so.
    return { open: true, you: null };
  }
}

/** No code in the address (or a code that opens no room): a phone asks for one, and opens the room's address with it. */
function askForCode(root: HTMLElement, { t }: LiveText, address: URLSearchParams, wrong: string | null): void {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const code = new FormData(event.target as HTMLFormElement).get('code');
    if (typeof code !== 'string' || code.trim() === '') return;
    const next = new URLSearchParams(address);
    next.set('code', code.trim().toUpperCase());
    location.search = next.toString();
  };
  root.dataset.phase = 'code';
  render(
    html`<div class="phone-screen">
      <section class="join" aria-labelledby="code-title">
        <h1 id="code-title">${t('phone.code.title')}</h1>
        <p class="message error" role="alert">${wrong ? t('shared.noRoom') : ''}</p>
        <form class="join-form" @submit=${submit}>
          <label for="room-code">${t('phone.code.label')}</label>
          <input id="room-code" name="code" value=${wrong ?? ''} autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="20" required aria-describedby="code-hint" aria-invalid=${wrong ? 'true' : 'false'} />
          <p class="meta" id="code-hint">${t('phone.code.hint')}</p>
          <button type="submit" class="primary">${t('phone.code.submit')}</button>
        </form>
      </section>
    </div>`,
    root,
  );
}

/** The phone: `?code=ABC-DEF` (the join link, or the QR code) joins that room; no code asks for one. */
export const start: StartScreen = async (root, text, address) => {
  root.classList.add('live-phone');
  const code = address.get('code')?.trim() ?? '';
  if (code === '') return askForCode(root, text, address, null);
  const room = await lookUp(code);
  if (!room.open) return askForCode(root, text, address, code);
  const phone = document.createElement('live-phone');
  phone.text = text;
  phone.link = new SocketLink(code, 'participant');
  phone.scenarios = new ScenarioSource(new ScenarioBook(text.i18n), () => phone.requestUpdate());
  phone.knownName = room.you;
  root.replaceChildren(phone);
};
