import { channels, overrideProblem, type ChannelLimitProblem } from '../limits';

const a = (count: number): string => 'a'.repeat(count);

function problemOf(...args: Parameters<typeof overrideProblem>): ChannelLimitProblem {
  const problem = overrideProblem(...args);
  if (problem === null) throw new Error(`expected a problem for ${args[0]}`);
  return problem;
}

describe('overrideProblem', () => {
  it('finds no problem in empty text on any channel', () => {
    for (const channel of channels) expect(overrideProblem(channel, '')).toBeNull();
  });

  describe('sms', () => {
    it('accepts a GSM-7 text that fills 3 parts exactly', () => {
      expect(overrideProblem('sms', a(459))).toBeNull();
    });

    it('says how many parts a long GSM-7 text needs and by how much to shorten it', () => {
      expect(overrideProblem('sms', a(470))).toEqual({
        code: 'CHANNEL_LIMIT',
        channel: 'sms',
        limit: 459,
        actual: 470,
        over: 11,
        unit: 'GSM-7 characters',
        message:
          'The SMS text needs 4 parts (GSM-7, 470 characters); one reply holds at most 3 parts (459 characters). Shorten it by 11 characters.',
      });
    });

    it('says "1 character" when one over', () => {
      const problem = problemOf('sms', a(460));
      expect(problem.over).toBe(1);
      expect(problem.message).toContain('Shorten it by 1 character.');
    });

    it('measures after smart encoding, so curly quotes do not force UCS-2', () => {
      const text = `${a(440)} “it’s” — ok…`;
      expect(text.length).toBeGreaterThan(201);
      expect(overrideProblem('sms', text)).toBeNull();
    });

    it('counts each extension character as 2', () => {
      expect(overrideProblem('sms', `${a(457)}€`)).toBeNull();
      const problem = problemOf('sms', `€${a(458)}`);
      expect(problem).toMatchObject({ limit: 459, actual: 460, over: 1 });
      expect(problem.message).toContain('“€” counts as 2 characters.');
    });

    it('asks for a trailing escape pair to go whole, as half of it cannot be cut', () => {
      const problem = problemOf('sms', `${a(458)}€`);
      expect(problem).toMatchObject({ limit: 458, actual: 460, over: 2 });
      expect(problem.message).toContain('Shorten it by 2 characters.');
    });

    it('limits a UCS-2 text to 3 × 67 code units and names the character that forces UCS-2', () => {
      expect(overrideProblem('sms', 'ç'.repeat(201))).toBeNull();
      const problem = problemOf('sms', `’${'ç'.repeat(210)}`);
      expect(problem).toMatchObject({ limit: 201, actual: 211, over: 10, unit: 'UCS-2 characters' });
      // The curly apostrophe comes first but smart encoding would fix it; ç is the cause.
      expect(problem.message).toBe(
        'The SMS text needs 4 parts (UCS-2, 211 characters; the character “ç” forces UCS-2); one reply holds at most 3 parts (201 characters). Shorten it by 10 characters.',
      );
    });

    it('names an invisible character by its code', () => {
      const problem = problemOf('sms', `\t${a(300)}`);
      expect(problem.message).toContain('the invisible character U+0009 forces UCS-2');
    });

    it('asks for enough to be cut when escapes straddling part boundaries leave parts short', () => {
      const text = `${a(152)}€`.repeat(3) + a(5);
      const problem = problemOf('sms', text);
      // The first part holds 152 septets, as the € that would straddle it moves on.
      expect(problem).toMatchObject({ limit: 458, actual: 467, over: 9 });
      expect(problem.message).toContain('458 characters for this text');
      // Cutting 9 septets from the end (5 a, the € pair, 2 a) fits; cutting 8 does not.
      const base = `${a(152)}€${a(152)}€`;
      expect(overrideProblem('sms', base + a(150))).toBeNull();
      expect(overrideProblem('sms', base + a(151))).not.toBeNull();
    });

    it('counts emoji as 2 and keeps them whole, so the cut it asks for is enough', () => {
      const text = '😀'.repeat(100);
      const problem = problemOf('sms', text);
      expect(problem).toMatchObject({ limit: 198, actual: 200, over: 2 });
      expect(problem.message).toContain('Most emoji count as 2 characters.');
      expect(overrideProblem('sms', '😀'.repeat(99))).toBeNull();
    });
  });

  describe('ussd', () => {
    it('holds 160 GSM-7 characters on one screen', () => {
      expect(overrideProblem('ussd', a(160))).toBeNull();
      expect(overrideProblem('ussd', a(161))).toEqual({
        code: 'CHANNEL_LIMIT',
        channel: 'ussd',
        limit: 160,
        actual: 161,
        over: 1,
        unit: 'GSM-7 characters',
        message: 'The USSD text is 161 characters; one screen holds at most 160. Shorten it by 1 character.',
      });
    });

    it('counts an extension character as 2 and CRLF as 2', () => {
      expect(overrideProblem('ussd', `${a(158)}€`)).toBeNull();
      expect(problemOf('ussd', `${a(159)}€`).over).toBe(1);
      expect(overrideProblem('ussd', `${a(79)}\r\n${a(79)}`)).toBeNull();
      expect(problemOf('ussd', `${a(80)}\r\n${a(79)}`).actual).toBe(161);
    });

    it('drops to 80 as soon as one non-GSM character is present, and names it', () => {
      expect(overrideProblem('ussd', `ç${a(79)}`)).toBeNull();
      const problem = problemOf('ussd', `${a(80)}ç`);
      expect(problem).toMatchObject({ limit: 80, actual: 81, over: 1, unit: 'UCS-2 characters' });
      expect(problem.message).toBe(
        'The USSD text is 81 characters; one screen holds at most 80 because the character “ç” is not in GSM-7 (without such characters a screen holds 160). Shorten it by 1 character.',
      );
    });

    it('keeps a screen with curly quotes at 160 thanks to smart encoding', () => {
      expect(overrideProblem('ussd', `’${a(158)}”`)).toBeNull();
    });

    it('counts an emoji as 2 on a UCS-2 screen', () => {
      expect(overrideProblem('ussd', `😀${a(78)}`)).toBeNull();
      expect(problemOf('ussd', `😀${a(79)}`)).toMatchObject({ limit: 80, actual: 81, over: 1 });
    });
  });

  describe.each([
    ['whatsapp', 'WhatsApp', 4096],
    ['telegram', 'Telegram', 4096],
    ['messenger', 'Messenger', 2000],
  ] as const)('%s', (channel, name, limit) => {
    it(`holds ${limit} UTF-16 code units`, () => {
      expect(overrideProblem(channel, a(limit))).toBeNull();
      expect(overrideProblem(channel, '😀'.repeat(limit / 2))).toBeNull();
      expect(overrideProblem(channel, `${'😀'.repeat(limit / 2)}a`)).toEqual({
        code: 'CHANNEL_LIMIT',
        channel,
        limit,
        actual: limit + 1,
        over: 1,
        unit: 'characters',
        message: `The ${name} text is ${limit + 1} characters; one ${name} message holds at most ${limit}. Shorten it by 1 character.`,
      });
    });
  });
});
