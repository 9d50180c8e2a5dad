// GSM 03.38 (GSM-7) and UCS-2: which encoding a text needs, how long it is in that
// encoding, how it splits into SMS parts, and how "smart encoding" keeps it in GSM-7.
import { limits } from './channels';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** The basic set, 1 septet each. 0x1B (escape) is left out: it is not text. */
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

/** The extension set: escape + char, so 2 septets each. */
const GSM7_EXTENSION = new Set('^{}\\[~]|€\f');

function isGsm7Char(char: string): boolean {
  return GSM7_BASIC.has(char) || GSM7_EXTENSION.has(char);
}

export function isGsm7(text: string): boolean {
  for (const char of text) if (!isGsm7Char(char)) return false;
  return true;
}

/**
 * GSM-7 length: extension characters cost 2 septets, everything else 1. For text that
 * is not GSM-7 the number means nothing (other code units simply count 1 each).
 */
export function septets(text: string): number {
  let count = text.length;
  for (const char of text) if (GSM7_EXTENSION.has(char)) count += 1;
  return count;
}

export function smsEncoding(text: string): SmsEncoding {
  return isGsm7(text) ? 'GSM-7' : 'UCS-2';
}

/** Length in the units of `encoding`: septets for GSM-7, UTF-16 code units for UCS-2. */
export function encodedLength(text: string, encoding: SmsEncoding): number {
  return encoding === 'GSM-7' ? septets(text) : text.length;
}

/** A USSD screen counts septets when the text is GSM-7, UTF-16 code units otherwise. */
export function ussdLength(text: string): number {
  return encodedLength(text, smsEncoding(text));
}

/*
 * Smart encoding. Only punctuation, symbols and spacing are replaced: letters and
 * combining marks never are, even where Twilio's table does (ʼ is a letter in Hausa,
 * ǃ in Khoisan languages), so no word an editor wrote changes its spelling. The gateway's
 * own UI strings also have their hooked letters written plain: gsmUiForm, below.
 */
const SUBSTITUTES: ReadonlyArray<readonly [chars: string, replacement: string]> = [
  // ‘ ’ ‚ ‛ ′ ‵ ´ ` ❛ ❜ ＇
  ['\u2018\u2019\u201A\u201B\u2032\u2035\u00B4\u0060\u275B\u275C\uFF07', "'"],
  // “ ” „ ‟ ″ ‶ « » ❝ ❞ 〝 〞 ＂
  ['\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB\u275D\u275E\u301D\u301E\uFF02', '"'],
  // hyphens, dashes, minus sign, small and fullwidth hyphen-minus
  ['\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\uFE58\uFE63\uFF0D', '-'],
  // • · ∙ ‣ start list items
  ['\u2022\u00B7\u2219\u2023', '-'],
  ['\u2026', '...'],
  ['\u2044\u2215\uFF0F', '/'],
  ['\u00BC', '1/4'],
  ['\u00BD', '1/2'],
  ['\u00BE', '3/4'],
  ['\u2028\u2029', '\n'],
  // zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen: invisible
  ['\u200B\u200C\u200D\u2060\uFEFF\u00AD', ''],
];

const SUBSTITUTE = new Map<string, string>(
  SUBSTITUTES.flatMap(([chars, replacement]) => Array.from(chars, (char) => [char, replacement] as const)),
);

/** The characters smart encoding replaces, and with what; exported for tests and docs. */
export const smartEncodingTable: ReadonlyMap<string, string> = SUBSTITUTE;

const OTHER_SPACE = /^\p{Zs}$/u;

function substitute(char: string): string {
  if (isGsm7Char(char)) return char;
  const replacement = SUBSTITUTE.get(char);
  if (replacement !== undefined) return replacement;
  return OTHER_SPACE.test(char) ? ' ' : char;
}

// NFC first: a decomposed é (e + U+0301, as some keyboards and pastes give it) is the
// GSM character é once composed.
function transliterate(text: string): string {
  return Array.from(text.normalize('NFC'), substitute).join('');
}

/*
 * Letters GSM-7 lacks whose plain letter it has: the hooked letters of Hausa (and Fula),
 * written plain on phones as the Hausa demo content writes them ("zabi", not "zaɓi").
 * Only for the gateway's own UI strings (gsmUiForm): an editor's spelling is theirs.
 */
const PLAIN_LETTERS: ReadonlyArray<readonly [letter: string, plain: string]> = [
  ['\u0253', 'b'], // ɓ
  ['\u0181', 'B'], // Ɓ
  ['\u0257', 'd'], // ɗ
  ['\u018A', 'D'], // Ɗ
  ['\u0199', 'k'], // ƙ
  ['\u0198', 'K'], // Ƙ
  ['\u01B4', 'y'], // ƴ
  ['\u01B3', 'Y'], // Ƴ
];

/** The letters gsmUiForm writes plain, and how; exported for tests and docs. */
export const plainLetterTable: ReadonlyMap<string, string> = new Map(PLAIN_LETTERS);

/**
 * The GSM-7 form of one of the gateway's own UI strings (a re-prompt, "98 More"): smart
 * encoding plus the hooked letters written plain (ɓ → b), when that makes the whole string
 * GSM-7; otherwise the string unchanged (Arabic stays Arabic). Content never goes through
 * this: see smartEncode.
 */
export function gsmUiForm(text: string): string {
  const encoded = Array.from(transliterate(text), (char) => plainLetterTable.get(char) ?? char).join('');
  return isGsm7(encoded) ? encoded : text;
}

/**
 * The text with typographic characters replaced by GSM-7 ones, when that makes the whole
 * text GSM-7; otherwise the text unchanged. In UCS-2 a substitute saves nothing (… → ...
 * even costs 2 more) and dropping a zero-width joiner would break 👩‍👩‍👧 into three emoji.
 */
export function smartEncode(text: string): string {
  const encoded = transliterate(text);
  return isGsm7(encoded) ? encoded : text;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/*
 * V8's segmenter slows down more than linearly with the length of the string (80,000
 * code units take seconds), so it is fed windows of about 1,000. Whether a grapheme
 * breaks before a character depends only on what precedes it and that one character,
 * so every break in a window is true except the window's end: the last grapheme is
 * segmented again at the start of the next window.
 */
const WINDOW = 1024;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function graphemesOf(text: string): string[] {
  const found: string[] = [];
  let start = 0;
  let size = WINDOW;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    // The character after the window's last break must be seen whole, not half a pair.
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end += 1;
    const pieces = Array.from(segmenter.segment(text.slice(start, end)), ({ segment }) => segment);
    if (end === text.length) return found.concat(pieces);
    if (pieces.length === 1) {
      size *= 2;
      continue;
    }
    pieces.pop();
    for (const piece of pieces) {
      found.push(piece);
      start += piece.length;
    }
    size = WINDOW;
  }
  return found;
}

/**
 * The first character (a whole grapheme, so a flag or an emoji with skin tone reads as
 * one) that keeps `text` out of GSM-7 even after smart encoding, or null if there is none.
 */
export function nonGsm7Character(text: string): string | null {
  return graphemesOf(transliterate(text)).find((grapheme) => !isGsm7(grapheme)) ?? null;
}

function pack(pieces: readonly string[], encoding: SmsEncoding, partSize: number): string[] {
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const piece of pieces) {
    const cost = encodedLength(piece, encoding);
    if (used + cost > partSize && current !== '') {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += piece;
    used += cost;
  }
  if (current !== '') parts.push(current);
  return parts;
}

/**
 * Packs graphemes into parts, so an escape pair, a surrogate pair, a CRLF, a flag or a
 * ZWJ sequence is never split. A grapheme longer than a whole part (a letter under
 * dozens of combining marks) is split into code points, as there is no other way to
 * send it; surrogate pairs still stay whole.
 */
function partsOf(graphemes: readonly string[], encoding: SmsEncoding): string[] {
  const size = encoding === 'GSM-7' ? limits.sms.gsm7 : limits.sms.ucs2;
  const text = graphemes.join('');
  if (text === '') return [];
  if (encodedLength(text, encoding) <= size.single) return [text];
  const pieces = graphemes.flatMap((grapheme) => (encodedLength(grapheme, encoding) > size.part ? Array.from(grapheme) : [grapheme]));
  return pack(pieces, encoding, size.part);
}

/**
 * Splits `text` as it is (call smartEncode first to keep it GSM-7) into SMS parts whose
 * concatenation is `text`. Empty text is no message at all: GSM-7 with no parts.
 */
export function segmentSms(text: string): { encoding: SmsEncoding; parts: string[] } {
  const encoding = smsEncoding(text);
  return { encoding, parts: partsOf(graphemesOf(text), encoding) };
}

/**
 * How much of `text` (in the units of its encoding) goes in `maxParts` SMS parts: the
 * length of its longest start made of whole graphemes that does. Usually maxParts full
 * parts, less when an escape pair or emoji that would straddle a boundary leaves a part
 * short; cutting the rest from the end is the least such cut that makes the text fit.
 */
export function smsCapacity(text: string, maxParts: number): number {
  const encoding = smsEncoding(text);
  const size = encoding === 'GSM-7' ? limits.sms.gsm7 : limits.sms.ucs2;
  const pieces = graphemesOf(text);
  const fits = (count: number): boolean => partsOf(pieces.slice(0, count), encoding).length <= maxParts;
  // Nothing longer than maxParts full parts can fit, which bounds the search.
  const most = Math.max(size.single, size.part * maxParts);
  let high = 0;
  let used = 0;
  for (const piece of pieces) {
    used += encodedLength(piece, encoding);
    if (used > most) break;
    high += 1;
  }
  // A start of a text never needs more parts than the text, so the answer is a threshold.
  let low = 0;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  return encodedLength(pieces.slice(0, low).join(''), encoding);
}
