import { baseTheme } from '@baobab/theme-base';
import { imageIdsOf, missingAltProblem } from '../alt-text';
import { carriedDocumentIds } from '../carried-by';
import { addTag, contrastReport, hostnameRowProblem, withChannel, withToken } from '../controls';

describe('hostname rows', () => {
  it('checks each row by the save rule as the editor types', () => {
    expect(hostnameRowProblem('kijana-ke.localhost', 0, ['kijana-ke.localhost'])).toBeNull();
    expect(hostnameRowProblem('https://kijana-ke.localhost', 0, [])).toContain('is not a hostname; write it without scheme, port or path');
    expect(hostnameRowProblem('', 0, [''])).toContain('Type a hostname');
  });

  it('flags a row that repeats an earlier one, ignoring case', () => {
    const rows = ['kijana-ke.localhost', 'Kijana-KE.localhost'];
    expect(hostnameRowProblem(rows[1] ?? '', 1, rows)).toBe('"Kijana-KE.localhost" is listed twice.');
  });
});

describe('theme overrides', () => {
  const tokens = { ...baseTheme.tokens };

  it('reports the contrast of each pair the save checks, as the editor reads it', () => {
    const lines = contrastReport(tokens, {});
    expect(lines).toHaveLength(6);
    expect(lines[0]?.text).toMatch(/^Text on background: \d+(\.\d)?:1, passes AA$/);
    expect(lines.every((line) => line.passes)).toBe(true);
  });

  it('shows a failing pair when an override loses contrast', () => {
    const [textOnBackground] = contrastReport(tokens, { colors: { text: '#bbbbbb' } });
    expect(textOnBackground).toMatchObject({ foreground: 'text', background: 'background', passes: false });
    expect(textOnBackground?.text).toBe('Text on background: 1.9:1, fails AA, which needs 4.5:1');
  });

  it('leaves out pairs whose colour is not yet a #rrggbb colour', () => {
    expect(contrastReport(tokens, { colors: { text: '#bbb' } }).some((line) => line.foreground === 'text')).toBe(false);
  });

  it('sets a token, and removes it when emptied so the theme default returns', () => {
    const set = withToken({ font: 'serif' }, 'primary', '#0b6e4f', true);
    expect(set).toEqual({ font: 'serif', colors: { primary: '#0b6e4f' } });
    expect(withToken(set, 'primary', '', true)).toEqual({ font: 'serif' });
    expect(withToken(set, 'font', '')).toEqual({ colors: { primary: '#0b6e4f' } });
  });
});

describe('tags', () => {
  it('adds a trimmed tag once, and says why it did not', () => {
    expect(addTag(['hiv'], '  testing ')).toEqual({ tags: ['hiv', 'testing'], problem: null });
    expect(addTag(['hiv'], 'HIV').problem).toBe('"HIV" is already a tag.');
    expect(addTag([], 'x'.repeat(41)).problem).toContain('at most 40 characters');
  });
});

describe('channels', () => {
  it('replaces one channel and drops an emptied one', () => {
    const channels = withChannel({ sms: { shortCode: '21393' } }, 'telegram', { botUsername: 'KijanaKeBot' });
    expect(channels).toEqual({ sms: { shortCode: '21393' }, telegram: { botUsername: 'KijanaKeBot' } });
    expect(withChannel(channels, 'sms', null)).toEqual({ telegram: { botUsername: 'KijanaKeBot' } });
  });
});

describe('carried by a site', () => {
  it("lists the site's own documents and every-site ones, once each", () => {
    const rows = [
      { documentId: 'a', allSites: false, sites: ['mama-ng'] },
      { documentId: 'a', allSites: false, sites: ['mama-ng'] },
      { documentId: 'b', allSites: true, sites: [] },
      { documentId: 'c', allSites: false, sites: ['kijana-ke'] },
      { documentId: 'd', allSites: null, sites: 'mama-ng' },
    ];
    expect(carriedDocumentIds(rows, 'mama-ng')).toEqual(['a', 'b']);
  });
});

describe('alternative text on images', () => {
  it('reads file ids however the admin or the API names the image', () => {
    expect(imageIdsOf(7)).toEqual([7]);
    expect(imageIdsOf('7')).toEqual([7]);
    expect(imageIdsOf({ id: 7, name: 'a.jpg' })).toEqual([7]);
    expect(imageIdsOf({ connect: [{ id: 7 }], set: [] })).toEqual([7]);
    expect(imageIdsOf(null)).toEqual([]);
  });

  it('refuses a file without alternative text, saying where to add it', () => {
    expect(missingAltProblem([{ name: 'clinic.jpg', alternativeText: 'A nurse at a clinic' }])).toBeNull();
    const problem = missingAltProblem([{ name: 'clinic.jpg', alternativeText: '  ' }]);
    expect(problem).toContain('"clinic.jpg" has no alternative text');
    expect(problem).toContain('Media Library');
  });
});
