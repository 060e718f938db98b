/**
 * What the trainee is told about a cmi5 session, over the game: a launch the LMS will not record
 * (its one-time link already used, the LMS unreachable), results waiting for the LMS, and at the
 * end that they are recorded, with the way back to the course when the LMS gave one. The game goes
 * on underneath whatever this says. Its words stay here, in both languages, with the code they
 * belong to: nothing else in the game speaks of cmi5.
 */

export type NoticeKey = 'notRecorded' | 'fetchUsed' | 'retrying' | 'refused' | 'recorded' | 'notJudged' | 'returnToCourse';

const WORDS: Record<'en' | 'ru', Record<NoticeKey, string>> = {
  en: {
    notRecorded: 'The course could not be reached, so this session is not recorded. You can still play.',
    fetchUsed: 'This launch link has been used already, so this session is not recorded. You can still play, or close this window and start again from the course.',
    retrying: 'The course is not answering. Your results are kept and sent as soon as it is back.',
    refused: 'The course refused part of your results, so what it shows may be incomplete.',
    recorded: 'Your results are recorded in the course.',
    notJudged: 'The course opened this for browsing or review, so nothing new is recorded.',
    returnToCourse: 'Return to the course',
  },
  ru: {
    notRecorded: 'Не удалось связаться с курсом, поэтому это занятие не будет записано. Играть можно и так.',
    fetchUsed: 'Эта ссылка запуска уже использована, поэтому это занятие не будет записано. Можно играть дальше или закрыть окно и начать заново из курса.',
    retrying: 'Курс не отвечает. Ваши результаты сохранены и будут отправлены, как только он снова станет доступен.',
    refused: 'Курс не принял часть ваших результатов, поэтому данные в нём могут быть неполными.',
    recorded: 'Ваши результаты записаны в курс.',
    notJudged: 'Курс открыл это для просмотра, поэтому новые результаты не записываются.',
    returnToCourse: 'Вернуться в курс',
  },
};

export const noticeText = (language: string, key: NoticeKey) => WORDS[language === 'ru' ? 'ru' : 'en'][key];

export interface Cmi5Notice {
  show(key: Exclude<NoticeKey, 'returnToCourse'>, returnTo?: string): void;
  hide(): void;
}

/**
 * One notice at a time, a strip along the foot of the page, read out by screen readers (problems as
 * alerts). The game's two layers (#game, #ui: fixed to the whole window) end above the strip while
 * it shows, so it never covers a reply or the debrief's buttons.
 */
export function cmi5Notice(language: string, doc: Document = document): Cmi5Notice {
  let box: HTMLElement | undefined;
  const layers = () => ['game', 'ui'].map((id) => doc.getElementById(id)).filter((layer): layer is HTMLElement => layer !== null);
  const fit = () => layers().forEach((layer) => (layer.style.bottom = box ? `${box.offsetHeight}px` : ''));
  const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(fit);
  return {
    show(key, returnTo) {
      box?.remove();
      box = doc.createElement('div');
      box.className = 'notice cmi5-notice';
      box.dataset.testid = 'cmi5-notice';
      box.dataset.notice = key;
      box.setAttribute('role', key === 'recorded' || key === 'notJudged' ? 'status' : 'alert');
      box.lang = language;
      // Set through the CSSOM, which the page's content security policy allows (unlike style attributes).
      Object.assign(box.style, { position: 'fixed', left: '0', right: '0', bottom: '0', margin: '0', maxWidth: 'none', borderRadius: '0', boxSizing: 'border-box', display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '12px' });
      const text = doc.createElement('p');
      text.style.margin = '0';
      text.style.flex = '1 1 16rem';
      text.textContent = noticeText(language, key);
      box.append(text);
      if (returnTo) {
        const back = doc.createElement('button');
        back.type = 'button';
        back.className = 'primary';
        back.dataset.testid = 'cmi5-return';
        back.textContent = noticeText(language, 'returnToCourse');
        back.addEventListener('click', () => doc.defaultView?.location.assign(returnTo));
        box.append(back);
      }
      doc.body.append(box);
      observer?.disconnect();
      observer?.observe(box);
      fit();
    },
    hide() {
      observer?.disconnect();
      box?.remove();
      box = undefined;
      fit();
    },
  };
}
