// POST /ussd/africastalking: Africa's Talking's USSD callback. Form fields sessionId,
// serviceCode, phoneNumber, networkCode, text (every input so far joined by `*`); answers
// `CON <screen>` or `END <screen>` as text/plain. State is kept per sessionId, so the
// latest input is what `text` added since the last hop, even when it contains `*`.
import { CmsError } from '@baobab/kit/delivery';
import { z } from 'zod';
import type { ChatSite } from '../content';
import type { Input, Step } from '../conversation';
import { cachedUssdArticle, ussdPaging } from '../paging';
import { renderUssdMenu, USSD_KEYS, ussdArticleWithNotice, ussdMenuWithNotice } from '@baobab/channels';
import { StoreUnavailableError } from '../store';
import { converse, labelsFor, loadState, translateFor, uiFormFor, type Runtime } from './runtime';

const SESSION_TTL_SECONDS = 300;

export const ussdFormSchema = z.object({
  sessionId: z.string({ error: 'sessionId is required' }).trim().min(1, 'sessionId is required').max(200),
  serviceCode: z.string({ error: 'serviceCode is required' }).trim().min(1, 'serviceCode is required').max(64),
  phoneNumber: z.string({ error: 'phoneNumber is required' }).trim().min(1, 'phoneNumber is required').max(32),
  networkCode: z.string().max(32).optional(),
  text: z.string().max(2000).default(''),
});
export type UssdForm = z.infer<typeof ussdFormSchema>;

/** One USSD keypress → what it means on our menus. */
export function ussdInput(raw: string): Input {
  const value = raw.trim();
  if (value === USSD_KEYS.more) return { kind: 'more' };
  if (value === USSD_KEYS.back) return { kind: 'back' };
  if (value === USSD_KEYS.home) return { kind: 'home' };
  if (/^\d{1,3}$/.test(value)) return { kind: 'number', value: Number(value) };
  // `1*3` (several choices in a plugin's view) arrives whole: the session's text is split only up to what it had seen.
  return value === '' ? { kind: 'unknown' } : { kind: 'text', text: value };
}

/** What this hop typed: the part of `text` after what the session had already seen. */
export function latestInput(previous: string | null, text: string): string[] {
  if (previous === null) return text === '' ? [] : text.split('*');
  if (text === previous) return [];
  if (previous === '') return [text];
  return text.startsWith(`${previous}*`) ? [text.slice(previous.length + 1)] : [text.split('*').pop() ?? ''];
}

const textKey = (sessionId: string) => `ussd-text:${sessionId}`;

/** `onSite` hears the code of the site the service code names (the request's `site` label). */
export async function answerUssd(runtime: Runtime, form: UssdForm, onSite?: (code: string) => void): Promise<string> {
  const uiForm = uiFormFor('ussd', runtime.config.ussd.smartEncoding);
  const site = await runtime.content.siteFor('ussd', form.serviceCode);
  if (!site) return `END ${translateFor('en', uiForm)('unknownService')}`;
  onSite?.(site.code);
  runtime.metrics?.ussdHops.inc({ site: site.code });
  try {
    return await hop(runtime, site, form);
  } catch (error) {
    if (!(error instanceof CmsError || error instanceof StoreUnavailableError)) throw error;
    // The caller's language is in the store that may be down: the site's default it is.
    runtime.log(`USSD ${site.code}: ${error.code}: ${error.message}`);
    return `END ${translateFor(site.defaultLocale, uiForm)('unavailable')}`;
  }
}

async function hop(runtime: Runtime, site: ChatSite, form: UssdForm): Promise<string> {
  const stateKey = `ussd:${form.sessionId}`;
  const saved = await loadState(runtime.store, stateKey, site.code);
  const previous = saved ? await runtime.store.get(textKey(form.sessionId)) : null;
  // A session id this gateway has not seen (or has forgotten) starts a session.
  if (saved === null) runtime.metrics?.ussdSessions.inc({ site: site.code });
  const inputs = latestInput(previous, form.text).map(ussdInput);
  const options = runtime.config.ussd;
  const result = await converse({
    runtime,
    site,
    paging: ussdPaging(runtime.content, options),
    stateKey,
    stateTtlSeconds: SESSION_TTL_SECONDS,
    address: form.phoneNumber,
    uiForm: uiFormFor('ussd', options.smartEncoding),
    inputs: () => inputs,
  });
  await runtime.store.set(textKey(form.sessionId), form.text, SESSION_TTL_SECONDS);
  return `CON ${ussdScreen(runtime, site, result)}`;
}

/** The screen for a step, with its notice (a re-prompt) in the room the screen has. */
function ussdScreen(runtime: Runtime, site: ChatSite, result: Step): string {
  const locale = result.state.locale ?? site.defaultLocale;
  const options = runtime.config.ussd;
  const labels = labelsFor(locale, uiFormFor('ussd', options.smartEncoding));
  const { screen, notice } = result;
  if (screen.kind === 'menu') {
    return notice === null ? renderUssdMenu(screen.menu, screen.page, labels, options) : ussdMenuWithNotice(screen.menu, screen.page, labels, options, notice);
  }
  const article = cachedUssdArticle(runtime.content, screen.article, screen.nav.items, labels, options);
  if (notice !== null) return ussdArticleWithNotice(article, screen.page, labels, options, notice);
  return article.pages[Math.min(screen.page, article.pages.length - 1)] ?? '';
}
