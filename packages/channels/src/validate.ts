// Channel limit checks on what actually goes over the wire. Gateways run them on every
// outgoing message (a renderer that exceeds a limit is a bug: the message is not sent),
// and the tests' provider stand-ins run them on every request they receive.
import { z } from 'zod';
import { limits } from './channels';
import { segmentSms, ussdLength } from './gsm';
import { USSD_KEYS, ussdScreenLimit } from './render/ussd';

const wa = limits.whatsapp;

function within(problems: string[], what: string, value: string, max: number, min = 1): void {
  if (value.length < min) problems.push(`${what} is empty`);
  else if (value.length > max) problems.push(`${what} is ${value.length} characters, over ${max} by ${value.length - max}`);
}

function unique(problems: string[], what: string, values: readonly string[]): void {
  if (new Set(values).size !== values.length) problems.push(`${what} must be unique (got ${values.join(', ')})`);
}

const waRow = z.object({ id: z.string(), title: z.string(), description: z.string().optional() });
const waPayload = z.discriminatedUnion('type', [
  z.object({ messaging_product: z.literal('whatsapp'), to: z.string().min(1), type: z.literal('text'), text: z.object({ body: z.string(), preview_url: z.boolean().optional() }) }),
  z.object({ messaging_product: z.literal('whatsapp'), to: z.string().min(1), type: z.literal('image'), image: z.object({ link: z.url(), caption: z.string().optional() }) }),
  z.object({
    messaging_product: z.literal('whatsapp'),
    to: z.string().min(1),
    type: z.literal('interactive'),
    interactive: z.discriminatedUnion('type', [
      z.object({
        type: z.literal('list'),
        header: z.object({ type: z.literal('text'), text: z.string() }).optional(),
        body: z.object({ text: z.string() }),
        footer: z.object({ text: z.string() }).optional(),
        action: z.object({ button: z.string(), sections: z.array(z.object({ title: z.string().optional(), rows: z.array(waRow) })) }),
      }),
      z.object({
        type: z.literal('button'),
        body: z.object({ text: z.string() }),
        action: z.object({ buttons: z.array(z.object({ type: z.literal('reply'), reply: z.object({ id: z.string(), title: z.string() }) })) }),
      }),
    ]),
  }),
]);

/** Problems with a WhatsApp Cloud API `/messages` request body; empty when it may be sent. */
export function whatsappProblems(payload: unknown): string[] {
  const parsed = waPayload.safeParse(payload);
  if (!parsed.success) return [`not a Cloud API message: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`];
  const message = parsed.data;
  const problems: string[] = [];
  if (message.type === 'text') within(problems, 'text body', message.text.body, wa.text);
  else if (message.type === 'image') {
    if (message.image.caption !== undefined) within(problems, 'image caption', message.image.caption, wa.caption);
  } else {
    const interactive = message.interactive;
    within(problems, 'interactive body', interactive.body.text, wa.interactiveBody);
    if (interactive.type === 'button') {
      const buttons = interactive.action.buttons;
      if (buttons.length < wa.buttons.min || buttons.length > wa.buttons.max) problems.push(`${buttons.length} reply buttons, allowed ${wa.buttons.min}–${wa.buttons.max}`);
      buttons.forEach((button, index) => {
        within(problems, `button ${index + 1} title`, button.reply.title, wa.buttons.title);
        within(problems, `button ${index + 1} id`, button.reply.id, wa.buttons.id);
      });
      unique(problems, 'button titles', buttons.map((button) => button.reply.title));
      unique(problems, 'button ids', buttons.map((button) => button.reply.id));
    } else {
      if (interactive.header) within(problems, 'list header', interactive.header.text, wa.header);
      if (interactive.footer) within(problems, 'list footer', interactive.footer.text, wa.footer);
      within(problems, 'list button', interactive.action.button, wa.list.button);
      const sections = interactive.action.sections;
      if (sections.length < 1 || sections.length > wa.list.sections) problems.push(`${sections.length} list sections, allowed 1–${wa.list.sections}`);
      const rows = sections.flatMap((section) => section.rows);
      if (rows.length < 1 || rows.length > wa.list.rows) problems.push(`${rows.length} list rows, allowed 1–${wa.list.rows}`);
      sections.forEach((section, index) => {
        if (section.title !== undefined) within(problems, `section ${index + 1} title`, section.title, wa.list.sectionTitle);
        else if (sections.length > 1) problems.push(`section ${index + 1} needs a title when there are several sections`);
      });
      rows.forEach((row, index) => {
        within(problems, `row ${index + 1} title`, row.title, wa.list.rowTitle);
        within(problems, `row ${index + 1} id`, row.id, wa.list.rowId);
        if (row.description !== undefined) within(problems, `row ${index + 1} description`, row.description, wa.list.rowDescription, 0);
      });
      unique(problems, 'row ids', rows.map((row) => row.id));
    }
  }
  return problems;
}

/** One SMS reply: at most `partsPerReply` parts. */
export function smsProblems(text: string): string[] {
  if (text.trim() === '') return ['SMS text is empty'];
  const { encoding, parts } = segmentSms(text);
  return parts.length <= limits.sms.partsPerReply ? [] : [`SMS reply needs ${parts.length} ${encoding} parts, at most ${limits.sms.partsPerReply}`];
}

/** One USSD answer: `CON `/`END ` and a screen within the budget, choices clear of the reserved keys. */
export function ussdProblems(answer: string, budget: number): string[] {
  const match = /^(CON|END) ([\s\S]*)$/.exec(answer);
  if (!match) return ['USSD answer must start with "CON " or "END "'];
  const screen = match[2] ?? '';
  const problems: string[] = [];
  const limit = ussdScreenLimit(screen, budget);
  if (ussdLength(screen) > limit) problems.push(`USSD screen is ${ussdLength(screen)} characters, over ${limit} by ${ussdLength(screen) - limit}`);
  const reserved: readonly string[] = Object.values(USSD_KEYS);
  for (const line of screen.split('\n')) {
    const number = /^(\d+)\. /.exec(line)?.[1];
    if (number !== undefined && reserved.includes(number)) problems.push(`menu choice ${number} clashes with a reserved key`);
  }
  return problems;
}

const telegramPayload = z.object({
  chat_id: z.union([z.number(), z.string()]),
  text: z.string(),
  parse_mode: z.enum(['HTML', 'MarkdownV2']).optional(),
  reply_markup: z.object({ inline_keyboard: z.array(z.array(z.object({ text: z.string(), callback_data: z.string() }))) }).optional(),
});

/** A Telegram `sendMessage` body. Text is measured before entity parsing: never less than Telegram counts. */
export function telegramProblems(payload: unknown): string[] {
  const parsed = telegramPayload.safeParse(payload);
  if (!parsed.success) return [`not a sendMessage body: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`];
  const problems: string[] = [];
  within(problems, 'text', parsed.data.text, limits.telegram.text);
  for (const button of parsed.data.reply_markup?.inline_keyboard.flat() ?? []) {
    const bytes = Buffer.byteLength(button.callback_data, 'utf8');
    if (bytes < 1 || bytes > limits.telegram.callbackDataBytes) problems.push(`callback_data "${button.callback_data}" is ${bytes} bytes, allowed 1–${limits.telegram.callbackDataBytes}`);
    within(problems, 'button text', button.text, 4096);
  }
  return problems;
}

const messengerPayload = z.object({
  text: z.string(),
  quick_replies: z.array(z.object({ content_type: z.literal('text'), title: z.string(), payload: z.string() })).optional(),
});

/** A Messenger Send API `message` object. */
export function messengerProblems(payload: unknown): string[] {
  const parsed = messengerPayload.safeParse(payload);
  if (!parsed.success) return [`not a Messenger text message: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`];
  const problems: string[] = [];
  within(problems, 'text', parsed.data.text, limits.messenger.text);
  const replies = parsed.data.quick_replies ?? [];
  if (replies.length > limits.messenger.quickReplies) problems.push(`${replies.length} quick replies, at most ${limits.messenger.quickReplies}`);
  replies.forEach((reply, index) => within(problems, `quick reply ${index + 1} title`, reply.title, limits.messenger.quickReplyTitle));
  return problems;
}
