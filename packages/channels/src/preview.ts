// An article as each chat channel would send it, with its sizes, for the editors' preview
// (the mobi-site's /_baobab/preview). The gateway's own renderers and counters make every
// message, so a preview shows exactly what a reader would get. Pure: no network, no state.
import { walkBlocks } from './blocks';
import type { Channel } from './channels';
import { segmentSms, ussdLength, type SmsEncoding } from './gsm';
import { defaultSmsOptions, smsArticleReplies } from './render/sms';
import { renderTelegramArticle } from './render/telegram';
import type { ArticleContent } from './render/types';
import { defaultUssdOptions, ussdArticleScreens, ussdScreenLimit } from './render/ussd';
import { renderWhatsAppArticle } from './render/whatsapp';
import { labelsFor, uiFormFor } from './strings';

/** The channels a preview shows. */
export const previewChannels = ['whatsapp', 'sms', 'ussd', 'telegram'] as const satisfies readonly Channel[];
export type PreviewChannel = (typeof previewChannels)[number];

export const channelNames: Readonly<Record<PreviewChannel, string>> = { whatsapp: 'WhatsApp', sms: 'SMS', ussd: 'USSD', telegram: 'Telegram' };

export interface PreviewInput {
  readonly slug: string;
  readonly title: string;
  readonly lead: string | null;
  /** Strapi blocks, site variables already substituted (as delivery serves them). */
  readonly body: unknown;
  readonly locale: string;
  /** The editor's override text per channel, when there is one. */
  readonly overrides: Readonly<Partial<Record<PreviewChannel, string | null>>>;
  readonly image: { readonly url: string; readonly alt: string } | null;
}

export interface PreviewMessage {
  readonly text: string;
  /** UTF-16 code units, as the channels count (never fewer than a provider counts). */
  readonly characters: number;
  /** SMS: the parts this reply is sent as, and their encoding. */
  readonly smsParts?: number;
  readonly encoding?: SmsEncoding;
  /** USSD: what this screen may hold. */
  readonly limit?: number;
}

export interface ChannelPreview {
  readonly channel: PreviewChannel;
  readonly name: string;
  readonly isOverride: boolean;
  /** Messages (WhatsApp, Telegram), replies (SMS) or screens (USSD), in order. */
  readonly messages: readonly PreviewMessage[];
  /** One line an editor reads: "2 messages, 812 characters", "1 reply, 3 SMS parts (GSM-7)", "4 USSD screens". */
  readonly summary: string;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
const sum = (messages: readonly PreviewMessage[], pick: (message: PreviewMessage) => number) => messages.reduce((total, message) => total + pick(message), 0);

function content(input: PreviewInput, channel: PreviewChannel): ArticleContent {
  return { slug: input.slug, title: input.title, lead: input.lead, units: walkBlocks(input.body), override: input.overrides[channel] ?? null, image: input.image };
}

export function channelPreview(input: PreviewInput, channel: PreviewChannel): ChannelPreview {
  const article = content(input, channel);
  const base = { channel, name: channelNames[channel], isOverride: article.override !== null };
  switch (channel) {
    case 'whatsapp': {
      const messages = renderWhatsAppArticle(article).map((message): PreviewMessage => {
        const text = message.type === 'text' ? message.text.body : message.type === 'image' ? `[image: ${message.image.link}]${message.image.caption ? `\n${message.image.caption}` : ''}` : message.interactive.body.text;
        return { text, characters: message.type === 'image' ? (message.image.caption ?? '').length : text.length };
      });
      return { ...base, messages, summary: `${plural(messages.length, 'message')}, ${plural(sum(messages, (m) => m.characters), 'character')}` };
    }
    case 'telegram': {
      const messages = renderTelegramArticle(article).map((message): PreviewMessage => ({ text: message.text, characters: message.text.length }));
      return { ...base, messages, summary: `${plural(messages.length, 'message')}, ${plural(sum(messages, (m) => m.characters), 'character')}` };
    }
    case 'sms': {
      const labels = labelsFor(input.locale, uiFormFor('sms', defaultSmsOptions.smartEncoding));
      const messages = smsArticleReplies(article, labels, defaultSmsOptions).map((text): PreviewMessage => {
        const { encoding, parts } = segmentSms(text);
        return { text, characters: text.length, smsParts: parts.length, encoding };
      });
      const encodings = [...new Set(messages.map((message) => message.encoding))].join(' and ');
      return { ...base, messages, summary: `${plural(messages.length, 'reply', 'replies')}, ${plural(sum(messages, (m) => m.smsParts ?? 0), 'SMS part')} (${encodings || 'GSM-7'}), ${plural(sum(messages, (m) => m.characters), 'character')}` };
    }
    case 'ussd': {
      const labels = labelsFor(input.locale, uiFormFor('ussd', defaultUssdOptions.smartEncoding));
      const messages = ussdArticleScreens(article, labels, defaultUssdOptions).map((text): PreviewMessage => ({ text, characters: ussdLength(text), limit: ussdScreenLimit(text, defaultUssdOptions.budget) }));
      return { ...base, messages, summary: `${plural(messages.length, 'USSD screen')} of at most ${defaultUssdOptions.budget} characters` };
    }
  }
}

/** Every previewed channel, in the order editors see them. */
export function channelPreviews(input: PreviewInput): ChannelPreview[] {
  return previewChannels.map((channel) => channelPreview(input, channel));
}
