// The chat channels and their hard limits: the one table every renderer, validator,
// gateway and the CMS's override check read. Figures from specs/channels.md; where a
// provider counts "characters" we count UTF-16 code units, which is never fewer.

export const channels = ['whatsapp', 'sms', 'ussd', 'telegram', 'messenger'] as const;
export type Channel = (typeof channels)[number];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (channels as readonly string[]).includes(value);
}

export const limits = {
  whatsapp: {
    text: 4096,
    caption: 1024,
    interactiveBody: 1024,
    header: 60,
    footer: 60,
    buttons: { min: 1, max: 3, title: 20, id: 256 },
    list: { rows: 10, sections: 10, button: 20, sectionTitle: 24, rowTitle: 24, rowDescription: 72, rowId: 200 },
  },
  sms: {
    gsm7: { single: 160, part: 153 },
    ucs2: { single: 70, part: 67 },
    /** A long article is sent as "reply MORE" pages of at most this many parts. */
    partsPerReply: 3,
  },
  ussd: {
    /** What one screen may hold: 160 octets, i.e. 182 GSM-7 septets or 80 UCS-2 code units. */
    maxGsm7: 182,
    maxUcs2: 80,
    /** Many aggregators advise at most 160 characters; configurable, never above the maxima. */
    defaultBudget: 160,
  },
  telegram: { text: 4096, caption: 1024, callbackDataBytes: 64 },
  messenger: { text: 2000, quickReplies: 13, quickReplyTitle: 20, buttonTemplateText: 640, buttons: 3 },
} as const;
