// The gateway's UI words (`locales/<code>/chat.json`), resolved along each locale's
// fallback chain once and kept: as written for chat apps, in their GSM-7 form for SMS and USSD.
import { createTranslate, type Translate } from '@baobab/locales';
import { resolveUiStrings } from '@baobab/locales/ui-strings';
import type { Channel } from './channels';
import { gsmUiForm } from './gsm';
import type { Labels } from './render/types';

/**
 * How a channel shows the gateway's own words. `gsm-7`: on SMS and USSD with smart encoding,
 * each string in its GSM-7 form (Hausa ɓ ɗ ƙ ƴ written b d k y), so a re-prompt or a label
 * never turns a GSM-7 screen or SMS into UCS-2 (80 characters a screen, 67 a part).
 * `written`: as chat.json has it, proper orthography, for WhatsApp, Telegram and Messenger.
 */
export type UiForm = 'written' | 'gsm-7';

export function uiFormFor(channel: Channel, smartEncoding: boolean): UiForm {
  return (channel === 'sms' || channel === 'ussd') && smartEncoding ? 'gsm-7' : 'written';
}

const translators = new Map<string, Translate>();

export function translateFor(locale: string, form: UiForm): Translate {
  const key = `${locale}\u0000${form}`;
  let translate = translators.get(key);
  if (!translate) {
    const written = resolveUiStrings(locale, 'chat');
    const table = form === 'gsm-7' ? Object.fromEntries(Object.entries(written).map(([name, text]) => [name, gsmUiForm(text)])) : written;
    translate = createTranslate(table);
    translators.set(key, translate);
  }
  return translate;
}

export function labelsFor(locale: string, form: UiForm): Labels {
  const t = translateFor(locale, form);
  return {
    more: t('more'),
    back: t('back'),
    home: t('home'),
    choose: t('choose'),
    replyMore: t('replyMore'),
    replyNumber: t('replyNumber'),
    invalidChoice: t('invalidChoice'),
    smsHelp: t('smsHelp'),
  };
}
