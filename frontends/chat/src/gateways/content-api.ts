// GET /content/:site/:locale/:slug?channel=whatsapp&message=N — one article as numbered
// messages for flow tools that pull (RapidPro, Turn stacks): the message, total_messages,
// next_message and previous_message (null at the ends). Bad parameters are a 400 naming them.
import { isSlug } from '@baobab/kit';
import { type Channel, channels, isChannel, renderMessengerArticle, renderTelegramArticle, renderWhatsAppArticle } from '@baobab/channels';
import type { ChatArticle } from '../content';
import { cachedSmsReplies, cachedUssdScreens } from '../paging';
import { labelsFor, uiFormFor, type Runtime } from './runtime';

export class ContentApiError extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly code: 'BAD_USER_INPUT' | 'SITE_NOT_FOUND' | 'ARTICLE_NOT_FOUND',
    message: string,
  ) {
    super(message);
  }
}

function messagesFor(runtime: Runtime, channel: Channel, article: ChatArticle, locale: string): unknown[] {
  switch (channel) {
    case 'whatsapp':
      return renderWhatsAppArticle(article);
    case 'telegram':
      return renderTelegramArticle(article);
    case 'messenger':
      return renderMessengerArticle(article);
    case 'sms':
      return cachedSmsReplies(runtime.content, article, labelsFor(locale, uiFormFor('sms', runtime.config.sms.smartEncoding)), runtime.config.sms).map((text) => ({ text }));
    case 'ussd':
      return cachedUssdScreens(runtime.content, article, labelsFor(locale, uiFormFor('ussd', runtime.config.ussd.smartEncoding)), runtime.config.ussd).map((text) => ({ text }));
  }
}

/** Parses `message`: absent means 1; otherwise a positive whole number written in digits. */
function messageNumber(raw: string | null): number {
  if (raw === null) return 1;
  if (!/^[0-9]{1,6}$/.test(raw) || Number(raw) < 1) throw new ContentApiError(400, 'BAD_USER_INPUT', `message must be a whole number from 1 (got "${raw.slice(0, 40)}")`);
  return Number(raw);
}

export async function contentMessage(runtime: Runtime, params: { site: string; locale: string; slug: string }, query: URLSearchParams): Promise<Record<string, unknown>> {
  const channel = query.get('channel');
  if (!isChannel(channel)) {
    throw new ContentApiError(400, 'BAD_USER_INPUT', channel === null ? `channel is required: one of ${channels.join(', ')}` : `channel "${channel.slice(0, 40)}" is not one of ${channels.join(', ')}`);
  }
  const number = messageNumber(query.get('message'));
  if (!isSlug(params.slug)) throw new ContentApiError(400, 'BAD_USER_INPUT', `"${params.slug.slice(0, 60)}" is not a slug: lower-case letters, digits and single hyphens`);
  const site = await runtime.content.site(params.site);
  if (!site) throw new ContentApiError(404, 'SITE_NOT_FOUND', `no site has the code "${params.site.slice(0, 60)}"`);
  if (!site.locales.some((locale) => locale.code === params.locale)) {
    throw new ContentApiError(400, 'BAD_USER_INPUT', `locale "${params.locale.slice(0, 20)}" is not one of ${site.code}'s locales: ${site.locales.map((locale) => locale.code).join(', ')}`);
  }
  const article = await runtime.content.article(site.code, params.slug, params.locale, channel);
  if (!article) throw new ContentApiError(404, 'ARTICLE_NOT_FOUND', `${site.code} has no published article "${params.slug.slice(0, 100)}"`);
  const messages = messagesFor(runtime, channel, article, article.locale);
  const total = messages.length;
  if (number > total) throw new ContentApiError(400, 'BAD_USER_INPUT', `message must be between 1 and ${total} for this article on ${channel} (got ${number})`);
  return {
    site: site.code,
    slug: article.slug,
    title: article.title,
    channel,
    locale: article.locale,
    requested_locale: params.locale,
    is_fallback: article.isFallback,
    message_number: number,
    total_messages: total,
    next_message: number < total ? number + 1 : null,
    previous_message: number > 1 ? number - 1 : null,
    message: messages[number - 1],
  };
}
