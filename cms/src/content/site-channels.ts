// A site's chat channel settings (the `channels` JSON field): their shape, checked with zod
// when an editor saves, and the identifiers the chat gateway picks a site by (a USSD
// service code, an SMS short code, ...), which must each belong to one site only.
import { channels, type Channel } from '@baobab/channels/limits';
import { isPlainObject } from '@baobab/kit';
import { z } from 'zod';
import { fieldPath, type FieldProblem } from './problems';

const quoted = (value: unknown) => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? 'nothing');

/** A string setting whose one message covers missing, wrong type and wrong format alike. */
function setting(noun: string, pattern: RegExp, rule: string) {
  const explain = (input: unknown) => (input === undefined ? `Give the ${noun}: ${rule}.` : `${quoted(input)} is not a ${noun}: ${rule}.`);
  return z.string({ error: (issue) => explain(issue.input) }).regex(pattern, { error: (issue) => explain(issue.input) });
}

/** One channel's settings: exactly these keys, with `example` shown when the value is not an object. */
const channelSettings = <Shape extends z.ZodRawShape>(channel: Channel, shape: Shape, example: string) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `${issue.keys.map((key) => `"${key}"`).join(', ')} ${issue.keys.length === 1 ? 'is not a setting' : 'are not settings'} of ${channel}; use ${Object.keys(shape).join(', ')}.`
        : `Write the ${channel} settings as a JSON object, like ${example}.`,
  });

const SERVICE_CODE = /^\*[0-9]+(\*[0-9]+)*#$/;
const SHORT_CODE = /^[0-9]{3,15}$/;
const DIGITS = /^[0-9]+$/;
const BOT_USERNAME = /^(?=[A-Za-z0-9_]{5,32}$)[A-Za-z0-9_]*bot$/i;

const settings = {
  ussd: channelSettings(
    'ussd',
    {
      serviceCodes: z.array(
        setting('USSD service code', SERVICE_CODE, 'write it as users dial it, like "*384*100#" (a star, numbers separated by stars, a closing #)'),
        { error: 'List the USSD service codes, like {"serviceCodes": ["*384*100#"]}; an empty list [] means none.' },
      ),
    },
    '{"serviceCodes": ["*384*100#"]}',
  ),
  sms: channelSettings('sms', { shortCode: setting('SMS short code', SHORT_CODE, '3 to 15 digits, like "21393"') }, '{"shortCode": "21393"}'),
  whatsapp: channelSettings(
    'whatsapp',
    {
      phoneNumberId: setting(
        'WhatsApp phone-number id',
        DIGITS,
        'the digits-only id Meta shows for the number (WhatsApp Manager, API setup), like "100000000000001", not the phone number',
      ),
    },
    '{"phoneNumberId": "100000000000001"}',
  ),
  telegram: channelSettings(
    'telegram',
    { botUsername: setting('Telegram bot username', BOT_USERNAME, '5 to 32 letters, digits or underscores ending in "bot", without the @, like "KijanaKeBot"') },
    '{"botUsername": "KijanaKeBot"}',
  ),
  messenger: channelSettings(
    'messenger',
    { pageId: setting('Messenger page id', DIGITS, 'the digits-only id of the Facebook page (in its About section), like "104857600000001"') },
    '{"pageId": "104857600000001"}',
  ),
} satisfies Record<Channel, z.ZodType>;

export const siteChannelsSchema = z
  .strictObject(settings, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `${issue.keys.map((key) => `"${key}"`).join(', ')} ${issue.keys.length === 1 ? 'is not a chat channel' : 'are not chat channels'}; use ${channels.join(', ')}.`
        : 'Channels must be a JSON object, like {"ussd": {"serviceCodes": ["*384*100#"]}, "sms": {"shortCode": "21393"}}.',
  })
  .partial();
export type SiteChannels = z.infer<typeof siteChannelsSchema>;

/** An identifier the chat gateway picks this site by. */
interface Claim {
  readonly path: string;
  readonly what: string;
  readonly value: string;
  /** Equal keys are the same claim: Telegram usernames ignore case. */
  readonly key: string;
}

function claimsOf(settings: SiteChannels): Claim[] {
  const claims: Claim[] = (settings.ussd?.serviceCodes ?? []).map((code, index) => ({
    path: `channels.ussd.serviceCodes[${index}]`,
    what: 'USSD service code',
    value: code,
    key: `ussd ${code}`,
  }));
  if (settings.sms) claims.push({ path: 'channels.sms.shortCode', what: 'SMS short code', value: settings.sms.shortCode, key: `sms ${settings.sms.shortCode}` });
  if (settings.whatsapp) {
    const id = settings.whatsapp.phoneNumberId;
    claims.push({ path: 'channels.whatsapp.phoneNumberId', what: 'WhatsApp phone-number id', value: id, key: `whatsapp ${id}` });
  }
  if (settings.telegram) {
    const username = settings.telegram.botUsername;
    claims.push({ path: 'channels.telegram.botUsername', what: 'Telegram bot username', value: username, key: `telegram ${username.toLowerCase()}` });
  }
  if (settings.messenger) {
    const id = settings.messenger.pageId;
    claims.push({ path: 'channels.messenger.pageId', what: 'Messenger page id', value: id, key: `messenger ${id}` });
  }
  return claims;
}

/**
 * What another site's stored settings claim, channel by channel: a channel it stored
 * malformed (before this check existed) claims nothing, and does not hide the others.
 */
function storedClaims(stored: unknown): Claim[] {
  if (!isPlainObject(stored)) return [];
  const parsed: SiteChannels = {};
  for (const channel of channels) {
    const result = settings[channel].safeParse(stored[channel]);
    if (result.success) Object.assign(parsed, { [channel]: result.data });
  }
  return claimsOf(parsed);
}

export interface ChannelOwner {
  readonly code: string;
  readonly channels?: unknown;
}

/** The site's channel settings: their shape, then each identifier against itself and every other site. */
export function siteChannelProblems(value: unknown, others: readonly ChannelOwner[]): FieldProblem[] {
  if (value === undefined || value === null) return [];
  const parsed = siteChannelsSchema.safeParse(value);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({ path: fieldPath('channels', issue.path), message: issue.message }));
  }
  const problems: FieldProblem[] = [];
  const owners = new Map<string, string>();
  for (const other of others) {
    for (const claim of storedClaims(other.channels)) if (!owners.has(claim.key)) owners.set(claim.key, other.code);
  }
  const seen = new Set<string>();
  for (const claim of claimsOf(parsed.data)) {
    const owner = owners.get(claim.key);
    if (seen.has(claim.key)) problems.push({ path: claim.path, message: `"${claim.value}" is listed twice.` });
    else if (owner !== undefined) {
      problems.push({
        path: claim.path,
        message: `The ${claim.what} "${claim.value}" already belongs to site ${owner}; the chat gateway picks a site by its ${claim.what}, so each belongs to one site only.`,
      });
    }
    seen.add(claim.key);
  }
  return problems;
}
