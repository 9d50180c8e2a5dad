// SMS in Africa's Talking's format: inbound POST /sms/africastalking/<secret> with form
// fields from, to, text, date, id, linkId. Keywords: MENU, a number, MORE, BACK. Replies go
// to SMS_API_URL as Africa's Talking's messaging API form (username, to, from, message, linkId).
// Every reply is a billable SMS, so senders are rate-limited.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { z } from 'zod';
import type { Step } from '../conversation';
import { cachedSmsArticle, smsPaging } from '../paging';
import { renderSmsArticleNotice, renderSmsMenu, renderSmsMenuWithNotice, smsProblems } from '@baobab/channels';
import { sendAll, textInput } from './outbound';
import { converse, hashAddress, labelsFor, serialised, uiFormFor, type Runtime } from './runtime';
import type { ChatSite } from '../content';
import type { RedisClient } from '../store';

const STATE_TTL_SECONDS = 24 * 3600;

export const smsFormSchema = z.object({
  from: z.string({ error: 'from is required' }).trim().min(1, 'from is required').max(32),
  to: z.string({ error: 'to is required' }).trim().min(1, 'to is required').max(32),
  text: z.string().max(1600).default(''),
  date: z.string().max(64).optional(),
  id: z.string({ error: 'id is required' }).trim().min(1, 'id is required').max(128),
  linkId: z.string().max(128).optional(),
});
export type SmsForm = z.infer<typeof smsFormSchema>;

/** E.164-ish: a `+` and 7–15 digits. Anything else is not someone an SMS can be sent to. */
export const isPhoneNumber = (value: string) => /^\+[0-9]{7,15}$/.test(value);

export interface SmsLimiter {
  /** Counts one message from `sender`; null when it may go on, else how long to wait. */
  consume(sender: string): Promise<{ readonly retryAfterSeconds: number } | null>;
}

/**
 * `perMinute` messages per sender per minute. In Redis when the sessions are (replicas share
 * the count), with a per-process count standing in while Redis is down; else in memory,
 * where each sender's count goes when its minute ends.
 */
export function createSmsLimiter(perMinute: number, redis: RedisClient | null): SmsLimiter {
  const options = { points: perMinute, duration: 60, keyPrefix: 'baobab:chat:sms-rate' };
  const memory = new RateLimiterMemory(options);
  const limiter: RateLimiterAbstract = redis ? new RateLimiterRedis({ ...options, storeClient: redis, useRedisPackage: true, rejectIfRedisNotReady: true, insuranceLimiter: memory }) : memory;
  return {
    async consume(sender) {
      try {
        await limiter.consume(sender);
        return null;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return { retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        throw rejection;
      }
    },
  };
}

function reply(runtime: Runtime, site: ChatSite, step: Step): string {
  const options = runtime.config.sms;
  const labels = labelsFor(step.state.locale ?? site.defaultLocale, uiFormFor('sms', options.smartEncoding));
  const { screen, notice } = step;
  if (screen.kind === 'menu') {
    return notice === null ? renderSmsMenu(screen.menu, screen.page, labels, options) : renderSmsMenuWithNotice(screen.menu, screen.page, labels, options, notice);
  }
  const replies = cachedSmsArticle(runtime.content, screen.article, screen.nav.items, labels, options).pages;
  const page = Math.min(screen.page, replies.length - 1);
  if (notice !== null) return renderSmsArticleNotice(notice, labels, options, page < replies.length - 1);
  return replies[page] ?? '';
}

/** Handles one inbound SMS to `site`'s short code: one conversation step, one reply. */
export async function handleSms(runtime: Runtime, site: ChatSite, form: SmsForm): Promise<void> {
  const seenKey = `sms-seen:${form.id}`;
  if ((await runtime.store.get(seenKey)) !== null) return;
  await runtime.store.set(seenKey, '1', 24 * 3600);
  const stateKey = `sms:${site.code}:${hashAddress(form.from)}`;
  await serialised(stateKey, async () => {
    const step = await converse({
      runtime,
      site,
      paging: smsPaging(runtime.content, runtime.config.sms),
      stateKey,
      stateTtlSeconds: STATE_TTL_SECONDS,
      address: form.from,
      uiForm: uiFormFor('sms', runtime.config.sms.smartEncoding),
      inputs: (saved) => (saved ? [textInput(form.text, labelsFor(saved.locale ?? site.defaultLocale, uiFormFor('sms', runtime.config.sms.smartEncoding)))] : []),
    });
    const message = reply(runtime, site, step);
    const body = new URLSearchParams({ username: runtime.config.sms.username, to: form.from, from: form.to, message, ...(form.linkId ? { linkId: form.linkId } : {}) });
    await sendAll(runtime, [{ url: runtime.config.sms.apiUrl, headers: { apikey: runtime.config.sms.apiKey }, body, problems: smsProblems(message), what: 'SMS reply' }]);
  });
}
