// Telegram bot webhook: POST /telegram/:site with the X-Telegram-Bot-Api-Secret-Token
// header checked. Messages and inline-keyboard presses become conversation steps;
// replies go to `{TELEGRAM_API_URL}/bot{token}/sendMessage`.
import crypto from 'node:crypto';
import { z } from 'zod';
import type { ChatSite } from '../content';
import type { Input, Step } from '../conversation';
import { chatAppPaging } from '../paging';
import { renderTelegramArticle, renderTelegramMenu, type TelegramMessage, telegramProblems } from '@baobab/channels';
import { sendAll, textInput, type Outgoing } from './outbound';
import { converse, labelsFor, serialised, type Runtime } from './runtime';

const STATE_TTL_SECONDS = 7 * 24 * 3600;

export function hasTelegramSecret(header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== 'string') return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(secret);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

const chat = z.object({ id: z.number().int() });
export const updateSchema = z.object({
  update_id: z.number().int(),
  message: z.object({ chat, text: z.string().max(4096).optional() }).optional(),
  callback_query: z.object({ id: z.string(), data: z.string().max(64).optional(), message: z.object({ chat }).optional() }).optional(),
});
export type TelegramUpdate = z.infer<typeof updateSchema>;

function inputOf(update: TelegramUpdate, labels: { more: string; back: string; home: string }): Input {
  const data = update.callback_query?.data;
  if (data) return { kind: 'pick', id: data };
  return textInput(update.message?.text ?? '', labels);
}

function replies(step: Step, site: ChatSite): TelegramMessage[] {
  const labels = labelsFor(step.state.locale ?? site.defaultLocale, 'written');
  if (step.screen.kind === 'menu') {
    const menu = step.notice ? { ...step.screen.menu, text: step.notice } : step.screen.menu;
    return [renderTelegramMenu(menu, step.screen.page, labels)];
  }
  return [...renderTelegramArticle(step.screen.article), renderTelegramMenu({ ...step.screen.nav, title: labels.choose }, 0, labels)];
}

export async function handleTelegramUpdate(runtime: Runtime, site: ChatSite, update: TelegramUpdate): Promise<void> {
  const chatId = update.message?.chat.id ?? update.callback_query?.message?.chat.id;
  if (chatId === undefined) return;
  const seenKey = `tg-seen:${site.code}:${update.update_id}`;
  if ((await runtime.store.get(seenKey)) !== null) return;
  await runtime.store.set(seenKey, '1', 24 * 3600);
  const stateKey = `tg:${site.code}:${chatId}`;
  const api = `${runtime.config.telegram.apiUrl}/bot${runtime.config.telegram.botToken}`;
  await serialised(stateKey, async () => {
    const step = await converse({
      runtime,
      site,
      paging: chatAppPaging('telegram'),
      stateKey,
      stateTtlSeconds: STATE_TTL_SECONDS,
      address: `telegram:${chatId}`,
      uiForm: 'written',
      inputs: (saved) => (saved ? [inputOf(update, labelsFor(saved.locale ?? site.defaultLocale, 'written'))] : []),
    });
    const outgoing: Outgoing[] = replies(step, site).map((reply) => {
      const body = { chat_id: chatId, ...reply };
      return { url: `${api}/sendMessage`, headers: {}, body, problems: telegramProblems(body), what: 'Telegram sendMessage' };
    });
    if (update.callback_query) outgoing.unshift({ url: `${api}/answerCallbackQuery`, headers: {}, body: { callback_query_id: update.callback_query.id }, problems: [], what: 'Telegram answerCallbackQuery' });
    await sendAll(runtime, outgoing);
  });
}
