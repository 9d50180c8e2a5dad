// The gateway's own words on each channel: every chat.json, as written for chat apps and in
// its GSM-7 form for SMS and USSD.
import fs from 'node:fs';
import path from 'node:path';
import { isKnownLocale } from '@baobab/locales';
import { resolveUiStrings, uiStringsDir } from '@baobab/locales/ui-strings';
import { isGsm7, segmentSms } from '../gsm';
import { defaultSmsOptions, renderSmsArticleNotice } from '../render/sms';
import { labelsFor, translateFor, uiFormFor } from '../strings';

/** Every locale with its own chat.json. */
const chatLocales = fs
  .readdirSync(uiStringsDir)
  .filter((code) => isKnownLocale(code) && fs.existsSync(path.join(uiStringsDir, code, 'chat.json')))
  .sort();

/** A character of a script GSM-7 cannot write (Arabic, Amharic): then no GSM-7 form is owed. */
const OTHER_SCRIPT = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u;

describe('UI strings by channel', () => {
  it('finds the chat strings of the six languages', () => {
    expect(chatLocales).toEqual(['ar', 'en', 'ha', 'pcm', 'sw', 'zu']);
  });

  it.each(chatLocales)('gives every %s string written in Latin letters a GSM-7 form for SMS and USSD', (code) => {
    const t = translateFor(code, 'gsm-7');
    const forcesUcs2 = Object.entries(resolveUiStrings(code, 'chat'))
      .filter(([, written]) => !OTHER_SCRIPT.test(written))
      .filter(([key]) => !isGsm7(t(key)))
      .map(([key]) => key);
    expect(forcesUcs2).toEqual([]);
  });

  it('shows SMS and USSD the GSM-7 forms, only while smart encoding is on', () => {
    expect(uiFormFor('ussd', true)).toBe('gsm-7');
    expect(uiFormFor('sms', true)).toBe('gsm-7');
    expect(uiFormFor('ussd', false)).toBe('written');
    expect(uiFormFor('sms', false)).toBe('written');
  });

  it.each(['whatsapp', 'telegram', 'messenger'] as const)('keeps Hausa ɓ, ɗ and ƙ as written on %s', (channel) => {
    const form = uiFormFor(channel, true);
    expect(form).toBe('written');
    expect(translateFor('ha-NG', form)('invalidChoice')).toBe('Don Allah zaɓi ɗaya daga cikin lambobin.');
    expect(translateFor('ha-NG', form)('endOfArticle')).toContain('ƙ');
  });

  it.each(chatLocales)('says the end of an article by SMS in one part, with how to go on, in %s', (code) => {
    const labels = labelsFor(code, 'gsm-7');
    const reply = renderSmsArticleNotice(translateFor(code, 'gsm-7')('endOfArticle'), labels, defaultSmsOptions, false);
    expect(segmentSms(reply).parts).toHaveLength(1);
    expect(reply).toContain(labels.smsHelp);
    expect(reply).toMatch(/\bBACK\b.*\bMENU\b/);
  });
});
