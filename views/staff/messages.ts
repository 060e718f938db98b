import type { TFunction } from 'i18next';
import { ApiFailure } from './api.ts';
import type { Feedback } from './element.ts';

/** What a refused or missing answer means depends on what was asked: a sign-in, a link, a record. */
export type FailureContext = 'signIn' | 'setupLink' | 'resetLink' | 'other';

/** A failed call in words a person can act on; the server's own English reason only as a last resort. */
function failureMessage(t: TFunction, error: unknown, context: FailureContext): string {
  if (!(error instanceof ApiFailure)) return t('errors.unexpected');
  switch (error.kind) {
    case 'offline':
      return t('errors.offline');
    case 'noServer':
      return t('errors.noServer');
    case 'rateLimited':
      return t('errors.tooMany', { count: error.retryMinutes });
    case 'server':
      return t('errors.server');
    case 'unauthorized':
      return context === 'signIn' ? t('errors.wrongCredentials') : t('errors.sessionEnded');
    case 'taken':
      return t('errors.usernameTaken');
    case 'notFound':
      return t('errors.gone');
    case 'refused':
      if (context === 'setupLink') return t('errors.setupLinkInvalid');
      if (context === 'resetLink') return t('errors.resetLinkInvalid');
      return t('errors.refused', { reason: error.reason });
    case 'invalid':
      return t('errors.refused', { reason: error.reason });
  }
}

export const failure = (error: unknown, context: FailureContext): Feedback => ({ tone: 'error', say: (t) => failureMessage(t, error, context) });
