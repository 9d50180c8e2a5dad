// The gateway's UI words (`locales/<code>/chat.json`), resolved along each locale's
// fallback chain once and kept.
import { createTranslate, type Translate } from '@baobab/locales';
import { resolveUiStrings } from '@baobab/locales/ui-strings';
import type { Labels } from './render/types';

const translators = new Map<string, Translate>();

export function translateFor(locale: string): Translate {
  let translate = translators.get(locale);
  if (!translate) {
    translate = createTranslate(resolveUiStrings(locale, 'chat'));
    translators.set(locale, translate);
  }
  return translate;
}

export function labelsFor(locale: string): Labels {
  const t = translateFor(locale);
  return { more: t('more'), back: t('back'), home: t('home'), choose: t('choose'), replyMore: t('replyMore'), replyNumber: t('replyNumber'), invalidChoice: t('invalidChoice') };
}
