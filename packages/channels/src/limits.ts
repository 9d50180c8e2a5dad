// Whether a piece of text fits one message of a channel, and by how much it does not.
// Pure and dependency-free, so the CMS imports it (`@baobab/channels/limits`) to refuse an
// override that breaks its channel's limit when an editor saves.
import { limits, type Channel } from './channels';
import { encodedLength, nonGsm7Character, segmentSms, smartEncode, smsCapacity, smsEncoding, type SmsEncoding } from './gsm';

export { channels, isChannel, limits, type Channel } from './channels';

export interface ChannelLimitProblem {
  readonly code: 'CHANNEL_LIMIT';
  readonly channel: Channel;
  /**
   * What one message of the channel holds, in `unit`. For SMS, what one reply holds of
   * this text: fewer than its parts' full size when a character that cannot be split
   * would straddle a boundary, so that `over` is always a cut that is enough.
   */
  readonly limit: number;
  readonly actual: number;
  readonly over: number;
  readonly unit: string;
  readonly message: string;
}

const CHANNEL_NAMES: Record<Channel, string> = { whatsapp: 'WhatsApp', sms: 'SMS', ussd: 'USSD', telegram: 'Telegram', messenger: 'Messenger' };

function characters(count: number): string {
  return count === 1 ? '1 character' : `${count} characters`;
}

/** Quotes a character for an editor; one that cannot be seen is named by its code. */
function quoted(char: string): string {
  if (/^[\p{C}\p{Z}]+$/u.test(char)) {
    const codes = Array.from(char, (c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
    return `the invisible character ${codes.join(' ')}`;
  }
  return `the character “${char}”`;
}

// Editors count what they see; these notes say why our count is higher.
function countingNote(text: string, encoding: SmsEncoding): string {
  if (encoding === 'UCS-2') return /\p{Extended_Pictographic}/u.test(text) ? ' Most emoji count as 2 characters.' : '';
  const doubled = [...new Set(Array.from(text).filter((char) => encodedLength(char, 'GSM-7') === 2))];
  if (doubled.length === 0) return '';
  const list = doubled.map((char) => (char === '\f' ? 'a page break' : `“${char}”`)).join(', ');
  return doubled.length === 1 ? ` ${list} counts as 2 characters.` : ` ${list} count as 2 characters each.`;
}

function problem(channel: Channel, limit: number, actual: number, unit: string, message: string): ChannelLimitProblem {
  return { code: 'CHANNEL_LIMIT', channel, limit, actual, over: actual - limit, unit, message };
}

function unitOf(encoding: SmsEncoding): string {
  return `${encoding} characters`;
}

function textProblem(channel: 'whatsapp' | 'telegram' | 'messenger', text: string): ChannelLimitProblem | null {
  const limit = limits[channel].text;
  const actual = text.length;
  if (actual <= limit) return null;
  const name = CHANNEL_NAMES[channel];
  const message = `The ${name} text is ${characters(actual)}; one ${name} message holds at most ${limit}. Shorten it by ${characters(actual - limit)}.`;
  return problem(channel, limit, actual, 'characters', message);
}

function smsProblem(text: string): ChannelLimitProblem | null {
  const encoded = smartEncode(text);
  const { encoding, parts } = segmentSms(encoded);
  const most: number = limits.sms.partsPerReply;
  if (parts.length <= most) return null;
  const size = encoding === 'GSM-7' ? limits.sms.gsm7 : limits.sms.ucs2;
  const nominal = most === 1 ? size.single : size.part * most;
  const limit = smsCapacity(encoded, most);
  const actual = encodedLength(encoded, encoding);
  const culprit = nonGsm7Character(text);
  const why = encoding === 'UCS-2' && culprit !== null ? `; ${quoted(culprit)} forces UCS-2` : '';
  const holds =
    limit < nominal
      ? `${limit} characters for this text, as characters that cannot be split between parts leave ${characters(nominal - limit)} unused`
      : characters(limit);
  const message =
    `The SMS text needs ${parts.length} parts (${encoding}, ${characters(actual)}${why}); ` +
    `one reply holds at most ${most === 1 ? '1 part' : `${most} parts`} (${holds}). Shorten it by ${characters(actual - limit)}.` +
    countingNote(encoded, encoding);
  return problem('sms', limit, actual, unitOf(encoding), message);
}

function ussdProblem(text: string): ChannelLimitProblem | null {
  const screen = smartEncode(text);
  const encoding = smsEncoding(screen);
  const budget = limits.ussd.defaultBudget;
  const limit = encoding === 'GSM-7' ? budget : Math.min(budget, limits.ussd.maxUcs2);
  const actual = encodedLength(screen, encoding);
  if (actual <= limit) return null;
  const culprit = nonGsm7Character(text);
  const why =
    encoding === 'UCS-2' && culprit !== null
      ? ` because ${quoted(culprit)} is not in GSM-7 (without such characters a screen holds ${budget})`
      : '';
  const message =
    `The USSD text is ${characters(actual)}; one screen holds at most ${limit}${why}. Shorten it by ${characters(actual - limit)}.` +
    countingNote(screen, encoding);
  return problem('ussd', limit, actual, unitOf(encoding), message);
}

/**
 * An override replaces an article's text on one channel and must fit what that channel
 * sends in one go: one WhatsApp or Telegram text message, one Messenger text, one SMS
 * reply of at most `limits.sms.partsPerReply` parts, one USSD screen within the default
 * budget. SMS and USSD are measured after smartEncode, so the gateways must send them
 * smart-encoded too.
 */
export function overrideProblem(channel: Channel, text: string): ChannelLimitProblem | null {
  switch (channel) {
    case 'whatsapp':
    case 'telegram':
    case 'messenger':
      return textProblem(channel, text);
    case 'sms':
      return smsProblem(text);
    case 'ussd':
      return ussdProblem(text);
  }
}
