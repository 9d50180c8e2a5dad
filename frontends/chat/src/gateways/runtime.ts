// What every gateway shares: settings, the content cache, the session store, UI strings,
// and one `converse` that loads a reader's state, applies an input and saves the result.
import crypto from 'node:crypto';
import type { ChangeReceiver } from '@baobab/kit/changes';
import type { ChatConfig } from '../config';
import type { ChatSite, ContentSource } from '../content';
import type { ChatMetrics } from '../server/metrics';
import { startState, stateSchema, step, type ConversationState, type Input, type Paging, type Step } from '../conversation';
import { translateFor, type UiForm } from '@baobab/channels';
import type { Store } from '../store';
import type { SmsLimiter } from './sms';
import { bindPlugins, type ChatPlugin, type PluginDelivery } from '../plugins';

export { labelsFor, translateFor, uiFormFor, type UiForm } from '@baobab/channels';

export interface Runtime {
  readonly config: ChatConfig;
  readonly content: ContentSource;
  readonly store: Store;
  readonly smsLimiter: SmsLimiter;
  readonly log: (message: string) => void;
  /** The chat halves of the installed plugins; each site sees only those it enables. */
  readonly plugins: readonly ChatPlugin[];
  /** The CMS as this front end, for plugins (mutations carry the write secret). */
  readonly pluginDelivery: PluginDelivery;
  /** Request, cache, USSD and plugin write metrics (server/metrics.ts); none counted without it. */
  readonly metrics?: ChatMetrics;
  /** Applies content changes once however they arrive (notices, Redis), with metrics; the content cache's own invalidate without it. */
  readonly changes?: ChangeReceiver;
  /** One structured line per answered request (LOG_LEVEL=http); none without it. */
  readonly logRequest?: (fields: Readonly<Record<string, unknown>>) => void;
}

/** Phone numbers are personal data: keys hold a hash, never the number. */
export const hashAddress = (address: string) => crypto.createHash('sha256').update(address).digest('base64url').slice(0, 22);

const LANGUAGE_TTL_SECONDS = 180 * 24 * 3600;
const languageKey = (site: string, address: string) => `lang:${site}:${hashAddress(address)}`;

/** Conversations are serialised per reader, so two quick messages never race on one state. */
const queues = new Map<string, Promise<unknown>>();
export function serialised<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(work, work);
  queues.set(key, next);
  void next.finally(() => queues.get(key) === next && queues.delete(key)).catch(() => undefined);
  return next;
}

export interface ConverseOptions {
  readonly runtime: Runtime;
  readonly site: ChatSite;
  readonly paging: Paging;
  /** Where this conversation's state is kept (`ussd:<sessionId>`, `wa:<site>:<hash>`). */
  readonly stateKey: string;
  readonly stateTtlSeconds: number;
  /** The reader's address (phone number, chat id), to remember their language. */
  readonly address: string;
  /** How the channel shows UI strings (strings.ts `uiFormFor`): re-prompts and menu words alike. */
  readonly uiForm: UiForm;
  /** Inputs to apply in order, given the saved state (null for a new conversation); none shows the current screen. */
  readonly inputs: (saved: ConversationState | null) => readonly Input[];
}

export async function loadState(store: Store, key: string, site: string): Promise<ConversationState | null> {
  const raw = await store.get(key);
  if (raw === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = stateSchema.safeParse(json);
  return parsed.success && parsed.data.site === site ? parsed.data : null;
}

/** Loads (or starts) the conversation, applies the inputs, saves state and remembered language. */
export async function converse(options: ConverseOptions): Promise<Step & { readonly isNew: boolean }> {
  const { runtime, site, paging, stateKey, address } = options;
  const saved = await loadState(runtime.store, stateKey, site.code);
  const remembered = saved ? null : await runtime.store.get(languageKey(site.code, address));
  const plugins = bindPlugins({
    plugins: runtime.plugins,
    site,
    channel: paging.channel,
    sender: address,
    readerSecret: runtime.config.readerSecret,
    delivery: runtime.pluginDelivery,
    uiForm: options.uiForm,
    content: runtime.content,
    log: runtime.log,
  });
  const context = { site, content: runtime.content, paging, translate: (locale: string) => translateFor(locale, options.uiForm), plugins };
  const [first, ...rest] = options.inputs(saved);
  let result = await step(saved ?? startState(site, remembered), first ?? { kind: 'start' }, context);
  for (const input of rest) result = await step(result.state, input, context);
  const { state } = result;
  await runtime.store.set(stateKey, JSON.stringify(state), options.stateTtlSeconds);
  if (state.locale !== null && state.locale !== saved?.locale && site.locales.length > 1) {
    await runtime.store.set(languageKey(site.code, address), state.locale, LANGUAGE_TTL_SECONDS);
  }
  return { ...result, isNew: saved === null };
}

