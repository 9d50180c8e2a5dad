import { resultsCsv } from '../cms/results';

describe('resultsCsv', () => {
  it('writes one row per site and choice, quoted, with formulas defused', () => {
    const csv = resultsCsv([
      {
        site: 'kijana-ke',
        name: 'Kijana "KE"',
        totalVotes: 3,
        choices: [
          { id: 'yes', label: '=HYPERLINK("x")', votes: 2, percent: 67 },
          { id: 'no', label: 'No, never', votes: 1, percent: 33 },
        ],
      },
    ]);
    expect(csv.split('\r\n')).toEqual([
      '"site","site name","choice","label","votes","percent","site total votes"',
      '"kijana-ke","Kijana ""KE""","yes","\'=HYPERLINK(""x"")","2","67","3"',
      '"kijana-ke","Kijana ""KE""","no","No, never","1","33","3"',
      '',
    ]);
  });

  it('is just the header without votes', () => {
    expect(resultsCsv([])).toBe('"site","site name","choice","label","votes","percent","site total votes"\r\n');
  });
});
