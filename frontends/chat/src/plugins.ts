// The chat halves of the installed plugins (the registry, baobab.config.ts), and how one
// reader's conversation reaches them: a `ChatContext` per call (the site, the reader's
// language, a keyed hash of the sender, the CMS as this front end) and a `PluginViews`
// the conversation uses. A site that does not enable a plugin never sees its entries or views.
import crypto from 'node:crypto';
import { z } from 'zod';
import { type Channel, translateFor, type UiForm } from '@baobab/channels';
import { type ChatContext, type ChatHalf, type ChatScreen, isEnabled, type PluginDefinition, type PluginSite } from '@baobab/plugin-api';
import registry from '../../../baobab.config';
import type { ChatSite, ContentSource } from './content';
import { type PluginEntry, type PluginScreen, pluginScreenSchema, pluginStateSchema, type PluginViews } from './conversation';

export interface ChatPlugin {
  readonly name: string;
  readonly half: ChatHalf;
}

/** Loads the chat half of every installed plugin that has one, once, at start-up. */
export async function loadChatPlugins(installed: readonly PluginDefinition[]): Promise<readonly ChatPlugin[]> {
  const loaded: ChatPlugin[] = [];
  for (const plugin of installed) {
    if (!plugin.chat) continue;
    const { default: half } = await plugin.chat();
    loaded.push({ name: plugin.name, half });
  }
  return loaded;
}

/** The installed plugins from the registry at the repository root (chat runs under tsx, so the .ts loads as is). */
export function installedChatPlugins(): Promise<readonly ChatPlugin[]> {
  return loadChatPlugins(registry.plugins);
}

/** Channels whose sender is a phone number: one number is one reader on all of them. */
export const PHONE_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['ussd', 'sms', 'whatsapp']);

/**
 * A sender's phone number in E.164 (`+` and 7–15 digits, the first not 0), or null. Providers
 * send international numbers: Africa's Talking `+2547…` (USSD, SMS), WhatsApp `2547…`
 * (no `+`). Spaces, dots, dashes and brackets go; a leading `00` is the `+`. A national
 * number (`0712…`) names no country, so it is null, not guessed.
 */
export function e164(sender: string): string | null {
  const compact = sender.trim().replace(/[\s.()-]/g, '');
  const digits = compact.startsWith('+') ? compact.slice(1) : compact.startsWith('00') ? compact.slice(2) : compact;
  return /^[1-9][0-9]{6,14}$/.test(digits) ? `+${digits}` : null;
}

/**
 * Who a sender is for plugins: on the phone channels their E.164 number (`tel:+2547…`), the
 * same on USSD, SMS and WhatsApp; on Telegram and Messenger, which carry no number, the
 * channel's own id (`telegram:…`). A phone sender whose number does not parse keeps a
 * channel-specific id rather than being merged with anyone.
 */
export function voterIdentity(channel: Channel, sender: string): string {
  const phone = PHONE_CHANNELS.has(channel) ? e164(sender) : null;
  return phone === null ? `${channel}:${sender}` : `tel:${phone}`;
}

/**
 * `ChatContext.voter`: HMAC-SHA256 of `identity:site` (see voterIdentity) with the gateway's
 * reader key. The number never leaves the gateway: the CMS gets this hash, and keys it again.
 */
export function readerHash(secret: string, channel: Channel, sender: string, site: string): string {
  return crypto.createHmac('sha256', secret).update(`${voterIdentity(channel, sender)}:${site}`).digest('base64url');
}

export type PluginDelivery = ChatContext['delivery'];

export interface PluginBinding {
  readonly plugins: readonly ChatPlugin[];
  readonly site: ChatSite;
  readonly channel: Channel;
  /** The reader's address on the channel (phone number, chat id): hashed, never passed on. */
  readonly sender: string;
  readonly readerSecret: string;
  readonly delivery: PluginDelivery;
  readonly uiForm: UiForm;
  readonly content: ContentSource;
  readonly log: (message: string) => void;
}

/** A plugin's screen checked at the boundary: plugins are code, but their text reaches every channel and the session. */
const screenSchema = pluginScreenSchema.extend({ notice: z.string().max(400).optional() });

function checked(plugin: string, screen: ChatScreen & { readonly done?: boolean }): PluginScreen {
  const parsed = screenSchema.safeParse(screen);
  if (!parsed.success) throw new Error(`PLUGIN_SCREEN_INVALID: plugin "${plugin}" answered a screen that is not one: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** The site's enabled plugins with a chat half, bound to one reader's conversation. */
export function bindPlugins(binding: PluginBinding): PluginViews {
  const { site } = binding;
  const pluginSite: PluginSite = { code: site.code, defaultLocale: site.defaultLocale, locales: site.locales.map((locale) => locale.code), plugins: site.plugins };
  const enabled = binding.plugins.filter((plugin) => isEnabled(pluginSite, plugin.name));
  const voter = readerHash(binding.readerSecret, binding.channel, binding.sender, site.code);
  const contextFor = (locale: string): ChatContext => {
    const translate = translateFor(locale, binding.uiForm);
    return {
      site: pluginSite,
      locale,
      channel: binding.channel,
      voter,
      delivery: binding.delivery,
      t: (key, values) => translate(key, values && Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)]))),
    };
  };
  const find = (name: string, view: string) => {
    const plugin = enabled.find((candidate) => candidate.name === name);
    const found = plugin?.half.views[view];
    return plugin && found ? { plugin, view: found } : null;
  };
  return {
    async entries(locale, article) {
      const lists = await Promise.all(
        enabled.map(async (plugin) => {
          const articleEntries = plugin.half.articleEntries;
          if (!articleEntries) return [];
          // Entries are content: cached like it (and kept while the CMS fails); a plugin that fails adds none rather than hiding the article.
          const key = `entries\u0000${plugin.name}\u0000${site.code}\u0000${locale}\u0000${binding.channel}\u0000${article}`;
          try {
            const entries = await binding.content.remembered(key, async () =>
              (await articleEntries(contextFor(locale), article)).map((entry) => ({ plugin: plugin.name, label: entry.label, view: entry.view, state: { ...entry.state } })),
            );
            // An entry must lead to a view the plugin has, with a state the session can keep.
            return entries.filter((entry) => plugin.half.views[entry.view] !== undefined && pluginStateSchema.safeParse(entry.state).success);
          } catch (error) {
            binding.log(`PLUGIN_FAILED: ${plugin.name} articleEntries on ${site.code}/${article}: ${error instanceof Error ? error.message : String(error)}`);
            return [];
          }
        }),
      );
      return lists.flat() satisfies PluginEntry[];
    },
    async show(locale, name, view, state) {
      const found = find(name, view);
      return found ? checked(name, await found.view.show(contextFor(locale), state)) : null;
    },
    async answer(locale, name, view, state, input) {
      const found = find(name, view);
      return found ? checked(name, await found.view.answer(contextFor(locale), state, input)) : null;
    },
  };
}
