// WhatsApp Cloud API webhook: GET verification, POST events signed with
// X-Hub-Signature-256 (HMAC-SHA256 of the raw body with the app secret). Replies go to
// `{WHATSAPP_API_URL}/{phone-number-id}/messages` as Cloud API payloads.
import crypto from 'node:crypto';
import { z } from 'zod';
import type { ChatSite } from '../content';
import type { Input, Step } from '../conversation';
import { chatAppPaging } from '../paging';
import { renderWhatsAppArticle, renderWhatsAppMenu, type WhatsAppMessage, whatsappProblems } from '@baobab/channels';
import { sendAll, textInput, type Outgoing } from './outbound';
import { converse, hashAddress, labelsFor, serialised, type Runtime } from './runtime';

const STATE_TTL_SECONDS = 24 * 3600;

/** Whether `signature` (the header) is the HMAC of `raw` with the app secret. Constant time. */
export function isSignedByMeta(raw: Buffer, signature: string | undefined, appSecret: string): boolean {
  if (typeof signature !== 'string' || !signature.startsWith('sha256=')) return false;
  const expected = Buffer.from(crypto.createHmac('sha256', appSecret).update(raw).digest('hex'));
  const given = Buffer.from(signature.slice('sha256='.length));
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

const messageSchema = z.object({
  from: z.string().min(1).max(32),
  id: z.string().min(1).max(256),
  type: z.string(),
  text: z.object({ body: z.string().max(4096) }).optional(),
  interactive: z
    .object({
      button_reply: z.object({ id: z.string().max(256) }).optional(),
      list_reply: z.object({ id: z.string().max(200) }).optional(),
    })
    .optional(),
  button: z.object({ payload: z.string().max(256) }).optional(),
});

export const webhookSchema = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z
    .array(
      z.object({
        changes: z.array(
          z.object({
            value: z.object({
              metadata: z.object({ phone_number_id: z.string().min(1) }),
              messages: z.array(z.unknown()).optional(),
            }),
          }),
        ),
      }),
    )
    .max(100),
});
export type WhatsAppWebhook = z.infer<typeof webhookSchema>;

function inputOf(message: z.infer<typeof messageSchema>, labels: { more: string; back: string; home: string }): Input {
  const id = message.interactive?.button_reply?.id ?? message.interactive?.list_reply?.id ?? message.button?.payload;
  if (id) return { kind: 'pick', id };
  return textInput(message.text?.body ?? '', labels);
}

function payloads(step: Step, site: ChatSite): WhatsAppMessage[] {
  const labels = labelsFor(step.state.locale ?? site.defaultLocale, 'written');
  if (step.screen.kind === 'menu') {
    const menu = step.notice ? { ...step.screen.menu, text: step.notice } : step.screen.menu;
    return [renderWhatsAppMenu(menu, step.screen.page, labels)];
  }
  return [...renderWhatsAppArticle(step.screen.article), renderWhatsAppMenu(step.screen.nav, 0, labels)];
}

/** Handles a verified webhook body: one conversation step per message, replies sent in order. */
export async function handleWhatsAppEvents(runtime: Runtime, body: WhatsAppWebhook): Promise<void> {
  for (const change of body.entry.flatMap((entry) => entry.changes)) {
    const phoneNumberId = change.value.metadata.phone_number_id;
    const site = await runtime.content.siteFor('whatsapp', phoneNumberId);
    if (!site) {
      runtime.log(`whatsapp: no site has phone-number id ${phoneNumberId}; ignored`);
      continue;
    }
    for (const raw of change.value.messages ?? []) {
      const parsed = messageSchema.safeParse(raw);
      if (!parsed.success) continue;
      const message = parsed.data;
      const seenKey = `wa-seen:${message.id}`;
      if ((await runtime.store.get(seenKey)) !== null) continue;
      await runtime.store.set(seenKey, '1', 24 * 3600);
      const stateKey = `wa:${site.code}:${hashAddress(message.from)}`;
      await serialised(stateKey, async () => {
        const step = await converse({
          runtime,
          site,
          paging: chatAppPaging('whatsapp'),
          stateKey,
          stateTtlSeconds: STATE_TTL_SECONDS,
          address: message.from,
          // A first message, whatever it says, gets the first screen.
          uiForm: 'written',
          inputs: (saved) => (saved ? [inputOf(message, labelsFor(saved.locale ?? site.defaultLocale, 'written'))] : []),
        });
        const outgoing: Outgoing[] = payloads(step, site).map((payload) => {
          const body = { messaging_product: 'whatsapp', recipient_type: 'individual', to: message.from, ...payload };
          return {
            url: `${runtime.config.whatsapp.apiUrl}/${phoneNumberId}/messages`,
            headers: { authorization: `Bearer ${runtime.config.whatsapp.token}` },
            body,
            problems: whatsappProblems(body),
            what: `WhatsApp ${payload.type} message`,
          };
        });
        await sendAll(runtime, outgoing);
      });
    }
  }
}
