import {
  encodedLength,
  gsmUiForm,
  isGsm7,
  nonGsm7Character,
  plainLetterTable,
  segmentSms,
  septets,
  smartEncode,
  smsCapacity,
  smartEncodingTable,
  smsEncoding,
  ussdLength,
  type SmsEncoding,
} from '../gsm';

const a = (count: number): string => 'a'.repeat(count);
const codePoints = (text: string): number => Array.from(text).length;
const graphemes = (text: string): string[] =>
  Array.from(new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text), ({ segment }) => segment);

const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = ['^', '{', '}', '\\', '[', '~', ']', '|', '€', '\f'];
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const PART_SIZE: Record<SmsEncoding, number> = { 'GSM-7': 153, 'UCS-2': 67 };

/** Every part boundary is a grapheme boundary, parts rebuild the text, each part fits. */
function expectWellFormed(text: string, parts: readonly string[], encoding: SmsEncoding): void {
  expect(parts.join('')).toBe(text);
  expect(parts.flatMap(graphemes)).toEqual(graphemes(text));
  if (parts.length > 1) for (const part of parts) expect(encodedLength(part, encoding)).toBeLessThanOrEqual(PART_SIZE[encoding]);
}

describe('isGsm7', () => {
  it('accepts all 127 characters of the basic set and the 10 of the extension set', () => {
    expect(Array.from(BASIC)).toHaveLength(127);
    for (const char of BASIC) expect(isGsm7(char)).toBe(true);
    for (const char of EXTENSION) expect(isGsm7(char)).toBe(true);
    expect(isGsm7(BASIC + EXTENSION.join(''))).toBe(true);
  });

  it('treats capital Ç as GSM and small ç as not', () => {
    expect(isGsm7('Ç')).toBe(true);
    expect(isGsm7('ç')).toBe(false);
  });

  it('treats the Greek capitals as GSM and small Greek letters as not', () => {
    expect(isGsm7('ΔΦΓΛΩΠΨΣΘΞ')).toBe(true);
    for (const small of 'δφγλωπψσθξαβ') expect(isGsm7(small)).toBe(false);
    // Capitals that look Latin (Α, Β) are not in the set either.
    expect(isGsm7('Α')).toBe(false);
  });

  it('rejects the escape character itself, tabs, curly quotes, emoji and Hausa hooked letters', () => {
    for (const char of ['\x1b', '\t', '’', '“', '😀', 'ƙ', 'ɗ', 'ɓ', 'ê', '`']) expect(isGsm7(`abc${char}`)).toBe(false);
  });

  it('is true for empty text', () => {
    expect(isGsm7('')).toBe(true);
    expect(smsEncoding('')).toBe('GSM-7');
  });
});

describe('septets and ussdLength', () => {
  it('counts each extension character as 2 septets', () => {
    for (const char of EXTENSION) {
      expect(septets(char)).toBe(2);
      expect(septets(`ab${char}`)).toBe(4);
    }
    expect(septets(EXTENSION.join(''))).toBe(20);
  });

  it('counts every basic character, Greek capitals included, as 1 septet', () => {
    expect(septets(BASIC)).toBe(127);
    expect(septets('ΔΦΓΛΩΠΨΣΘΞ')).toBe(10);
  });

  it('counts CRLF as 2 septets', () => {
    expect(septets('\r\n')).toBe(2);
    expect(ussdLength('Karibu\r\nSasa')).toBe(12);
  });

  it('counts septets on a GSM-7 screen and UTF-16 code units as soon as one character is not GSM', () => {
    expect(ussdLength(`${a(10)}€`)).toBe(12);
    // In UCS-2 the euro sign is one code unit like any other.
    expect(ussdLength(`${a(10)}€ç`)).toBe(12);
    expect(ussdLength('😀')).toBe(2);
    expect(ussdLength('🇰🇪')).toBe(4);
    expect(ussdLength('')).toBe(0);
  });
});

describe('segmentSms', () => {
  // specs/channels.md, "Verified vectors"; sizes in code points as the spec counts them.
  const vectors: ReadonlyArray<[name: string, text: string, encoding: SmsEncoding, sizes: number[]]> = [
    ['a×160', a(160), 'GSM-7', [160]],
    ['a×161', a(161), 'GSM-7', [153, 8]],
    ['a×158 + €', `${a(158)}€`, 'GSM-7', [159]],
    ['a×159 + €', `${a(159)}€`, 'GSM-7', [153, 7]],
    ['a×152 + € + a×10', `${a(152)}€${a(10)}`, 'GSM-7', [152, 11]],
    ['ç×70', 'ç'.repeat(70), 'UCS-2', [70]],
    ['ç×71', 'ç'.repeat(71), 'UCS-2', [67, 4]],
    ['😀 + a×68', `😀${a(68)}`, 'UCS-2', [69]],
    ['😀 + a×69', `😀${a(69)}`, 'UCS-2', [66, 4]],
    ['a×66 + 😀 + a×10', `${a(66)}😀${a(10)}`, 'UCS-2', [66, 11]],
  ];

  it.each(vectors)('splits %s as the spec table says', (_name, text, encoding, sizes) => {
    const result = segmentSms(text);
    expect(result.encoding).toBe(encoding);
    expect(result.parts.map(codePoints)).toEqual(sizes);
    expectWellFormed(text, result.parts, encoding);
  });

  it('moves an escape pair whole to the next part', () => {
    expect(segmentSms(`${a(152)}€${a(10)}`).parts).toEqual([a(152), `€${a(10)}`]);
    expect(segmentSms(`${a(159)}€`).parts).toEqual([a(153), `${a(6)}€`]);
  });

  it('keeps a surrogate pair whole: the emoji leads the second part', () => {
    expect(segmentSms(`😀${a(69)}`).parts).toEqual([`😀${a(65)}`, a(4)]);
    expect(segmentSms(`${a(66)}😀${a(10)}`).parts).toEqual([a(66), `😀${a(10)}`]);
  });

  it('costs 2 septets for every extension character when deciding one message or two', () => {
    for (const char of EXTENSION) {
      expect(segmentSms(`${a(158)}${char}`).parts).toHaveLength(1);
      expect(segmentSms(`${a(159)}${char}`).parts).toHaveLength(2);
    }
  });

  it('never splits a flag across parts', () => {
    const text = `${a(65)}🇰🇪${a(10)}`;
    const { encoding, parts } = segmentSms(text);
    expect(encoding).toBe('UCS-2');
    // 65 + 4 code units would overflow 67, so the whole flag moves on.
    expect(parts).toEqual([a(65), `🇰🇪${a(10)}`]);

    const flags = '🇰🇪🇳🇬🇿🇦🇹🇿'.repeat(10);
    const split = segmentSms(flags);
    expectWellFormed(flags, split.parts, 'UCS-2');
    for (const part of split.parts) expect(part.length % 4).toBe(0);
  });

  it('never splits a ZWJ family sequence across parts', () => {
    const family = '👩‍👩‍👧‍👦';
    expect(family).toHaveLength(11);
    const text = `${a(60)}${family}${a(10)}`;
    const { parts } = segmentSms(text);
    expect(parts).toEqual([a(60), `${family}${a(10)}`]);

    const many = family.repeat(20);
    const split = segmentSms(many);
    expectWellFormed(many, split.parts, 'UCS-2');
    expect(split.parts.map((part) => part.length)).toEqual([66, 66, 66, 22]);
  });

  it('keeps an emoji with its skin tone', () => {
    const thumbs = '👍🏽';
    const { parts } = segmentSms(`${a(64)}${thumbs}${a(10)}`);
    expect(parts).toEqual([a(64), `${thumbs}${a(10)}`]);
  });

  it('keeps a letter with its combining mark', () => {
    // n + combining tilde below has no precomposed form, so it stays two code points.
    const letter = 'n\u0330';
    const { parts } = segmentSms(`${a(66)}${letter}${a(10)}`);
    expect(parts).toEqual([a(66), `${letter}${a(10)}`]);
  });

  it('does not split CRLF between parts', () => {
    const text = `${a(152)}\r\n${a(10)}`;
    const { encoding, parts } = segmentSms(text);
    expect(encoding).toBe('GSM-7');
    expect(parts).toEqual([a(152), `\r\n${a(10)}`]);
    // A lone LF is one septet and fills the part.
    expect(segmentSms(`${a(152)}\n${a(10)}`).parts).toEqual([`${a(152)}\n`, a(10)]);
  });

  it('fills a GSM-7 part with Greek capitals one septet each', () => {
    const text = 'Δ'.repeat(161);
    expect(segmentSms(text)).toEqual({ encoding: 'GSM-7', parts: ['Δ'.repeat(153), 'Δ'.repeat(8)] });
  });

  it('splits a grapheme longer than a whole part at code points, never inside a surrogate pair', () => {
    // U+1D167 is an astral combining mark: 1 + 2×40 = 81 code units in one grapheme.
    const monster = `a${'\u{1D167}'.repeat(40)}`;
    expect(graphemes(monster)).toHaveLength(1);
    const { encoding, parts } = segmentSms(monster);
    expect(encoding).toBe('UCS-2');
    expect(parts.length).toBe(2);
    expect(parts.join('')).toBe(monster);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(67);
      expect(part).not.toMatch(LONE_SURROGATE);
    }
  });

  it('keeps graphemes whole in long texts too, wherever they fall', () => {
    // Long enough to be segmented in windows; shifting the start moves every grapheme
    // across window edges. A lone regional indicator makes the flag pairing odd.
    const mix = `🇰🇪👩‍👩‍👧‍👦\r\nn\u0330👍🏽a${'\u{1D167}'}🇰🇰🇪🇳🇬`;
    for (let shift = 0; shift < 14; shift += 1) {
      const text = a(shift) + mix.repeat(150);
      const { encoding, parts } = segmentSms(text);
      expect(encoding).toBe('UCS-2');
      expectWellFormed(text, parts, encoding);
    }
  });

  it('returns no parts for empty text', () => {
    expect(segmentSms('')).toEqual({ encoding: 'GSM-7', parts: [] });
  });

  it('sends a text that fits one message unsplit, even if it has graphemes', () => {
    const text = `Habari 🇰🇪 ${'👩‍👩‍👧‍👦'}`;
    expect(segmentSms(text)).toEqual({ encoding: 'UCS-2', parts: [text] });
  });
});

describe('smsCapacity', () => {
  it('is full parts for plain text, and one single message when one part is allowed', () => {
    expect(smsCapacity(a(470), 3)).toBe(459);
    expect(smsCapacity(a(470), 1)).toBe(160);
    expect(smsCapacity('ç'.repeat(300), 3)).toBe(201);
    expect(smsCapacity('', 3)).toBe(0);
  });

  it('is less when graphemes that cannot be split leave parts short', () => {
    // 33 emoji (66 code units) fill each 67-unit part.
    expect(smsCapacity('😀'.repeat(100), 3)).toBe(198);
    expect(smsCapacity(`${a(152)}€`.repeat(4), 3)).toBe(458);
  });
});

describe('smartEncode', () => {
  it('keeps a Swahili/English text with curly quotes and dashes in GSM-7', () => {
    const text = '“Habari za leo?” — it’s Mama’s clinic… Karibu!';
    const encoded = smartEncode(text);
    expect(encoded).toBe('"Habari za leo?" - it\'s Mama\'s clinic... Karibu!');
    expect(isGsm7(text)).toBe(false);
    expect(segmentSms(encoded).encoding).toBe('GSM-7');
  });

  it('maps each typographic character the brief lists', () => {
    const cases: ReadonlyArray<[string, string]> = [
      ['’', "'"], ['‘', "'"], ['‚', "'"], ['′', "'"], ['´', "'"], ['`', "'"],
      ['“', '"'], ['”', '"'], ['„', '"'], ['«', '"'], ['»', '"'], ['″', '"'],
      ['–', '-'], ['—', '-'], ['‒', '-'], ['−', '-'], ['•', '-'], ['·', '-'],
      ['…', '...'],
      ['\u00A0', ' '], ['\u2009', ' '], ['\u202F', ' '], ['\u2003', ' '], ['\u3000', ' '],
      ['\u200B', ''], ['\u200C', ''], ['\u200D', ''], ['\uFEFF', ''], ['\u2060', ''],
    ];
    for (const [from, to] of cases) expect(smartEncode(`x${from}y`)).toBe(`x${to}y`);
  });

  it('never changes a GSM character', () => {
    const all = BASIC + EXTENSION.join('');
    expect(smartEncode(all)).toBe(all);
  });

  it('composes a decomposed é, which is GSM once composed', () => {
    expect(smartEncode('Caf\u0065\u0301')).toBe('Café');
    expect(isGsm7(smartEncode('Caf\u0065\u0301'))).toBe(true);
  });

  it('keeps Hausa ƙ, ɗ and ɓ, and leaves the rest alone since the text needs UCS-2 anyway', () => {
    const text = 'Ƙasar “Najeriya” — ɗan ɓera';
    expect(smartEncode(text)).toBe(text);
    expect(smartEncode('ƙ')).toBe('ƙ');
  });

  it('does not break a ZWJ emoji sequence apart', () => {
    const text = 'Familia 👩‍👩‍👧 ’';
    expect(smartEncode(text)).toBe(text);
  });

  it('maps no letter or combining mark, and only ever to GSM-7', () => {
    expect(smartEncodingTable.size).toBeGreaterThan(40);
    for (const [from, to] of smartEncodingTable) {
      expect(from).not.toMatch(/\p{L}|\p{M}/u);
      expect(isGsm7(to)).toBe(true);
    }
    // The modifier letter apostrophe is a letter in Hausa orthography.
    expect(smartEncode('ʼya')).toBe('ʼya');
  });
});

describe('gsmUiForm', () => {
  it('writes the Hausa hooked letters plain, capitals too, along with smart encoding', () => {
    expect(gsmUiForm('Don Allah zaɓi ɗaya daga cikin lambobin.')).toBe('Don Allah zabi daya daga cikin lambobin.');
    expect(gsmUiForm('Ɓ ɓ Ɗ ɗ Ƙ ƙ Ƴ ƴ — “ƙari”…')).toBe('B b D d K k Y y - "kari"...');
  });

  it('maps only letters to plain GSM-7 letters', () => {
    for (const [from, to] of plainLetterTable) {
      expect(from).toMatch(/^\p{L}$/u);
      expect(to).toMatch(/^[A-Za-z]$/);
    }
  });

  it('leaves a string with no GSM-7 form as written', () => {
    expect(gsmUiForm('يرجى اختيار أحد الأرقام.')).toBe('يرجى اختيار أحد الأرقام.');
    expect(gsmUiForm('ɗan ç')).toBe('ɗan ç');
  });
});

describe('nonGsm7Character', () => {
  it('names the first character smart encoding cannot fix', () => {
    expect(nonGsm7Character('“Habari” ’ ça va')).toBe('ç');
    expect(nonGsm7Character('Bendera 🇰🇪 ç')).toBe('🇰🇪');
    expect(nonGsm7Character('Salamu 👍🏽')).toBe('👍🏽');
  });

  it('is null when the text is GSM-7 after smart encoding', () => {
    expect(nonGsm7Character('“Habari” — ’…')).toBeNull();
    expect(nonGsm7Character('')).toBeNull();
  });
});
