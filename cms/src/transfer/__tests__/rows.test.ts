import { canonicalCell, columnOf, exportColumns, readerColumns, rowOf, valueOf } from '../rows';

const column = (name: string) => {
  const found = columnOf(name);
  if (found === undefined) throw new Error(`no column ${name}`);
  return found;
};

describe('valueOf: each column kind has a grammar, and says the form it wants', () => {
  it.each([
    ['allSites', 'yes', true],
    ['allSites', 'TRUE', true],
    ['allSites', '0', false],
    ['allSites', '', false],
    ['position', '3', 3],
    ['position', '', null],
    ['goLiveAt', '2026-03-01T08:00Z', '2026-03-01T08:00:00.000Z'],
    ['goLiveAt', '2026-03-01 10:00+02:00', '2026-03-01T08:00:00.000Z'],
    ['goLiveAt', '', null],
    ['sites', ' kijana-ke,mama-ng , kijana-ke', ['kijana-ke', 'mama-ng']],
    ['tags', 'hiv, testing,,', ['hiv', 'testing']],
    ['section', 'hiv-and-stis', 'hiv-and-stis'],
    ['themeTokens', '{"colorPrimary":"#0a5"}', { colorPrimary: '#0a5' }],
    ['variables', '', []],
    ['title', '<script>alert(1)</script>', '<script>alert(1)</script>'],
  ])('%s %j → %j', (name, cell, value) => {
    expect(valueOf(column(name), cell)).toEqual({ ok: true, value });
  });

  it.each([
    ['allSites', 'maybe', 'is not yes or no'],
    ['position', '3.5', 'not a whole number'],
    ['goLiveAt', '01/03/2026', 'write it as 2026-03-01T08:00:00Z'],
    ['goLiveAt', '2026-02-30T25:00Z', 'not a date and time'],
    ['sites', 'Kijana KE', '"Kijana KE" is not a site code'],
    ['tags', 'x'.repeat(41), 'is not a tag'],
    ['section', 'Sexual Health', 'is not a slug'],
    ['channels', '{whatsapp: 1}', 'This is not JSON'],
  ])('refuses %s %j', (name, cell, message) => {
    const result = valueOf(column(name), cell);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toContain(message);
  });
});

describe('canonicalCell: a cell as export writes it, so "unchanged" ignores how a person typed it', () => {
  it.each([
    ['tags', ' hiv,testing ', 'hiv, testing'],
    ['allSites', 'TRUE', 'yes'],
    ['goLiveAt', '2026-03-01 08:00Z', '2026-03-01T08:00:00.000Z'],
    ['body', '* one\n* two', '- one\n- two'],
    ['title', 'As typed', 'As typed'],
  ])('%s %j → %j', (name, cell, canonical) => {
    expect(canonicalCell(column(name), cell)).toBe(canonical);
  });
});

describe('rowOf: a stored version as its row', () => {
  const article = {
    documentId: 'a1',
    slug: 'hiv-testing-basics',
    locale: 'sw-KE',
    title: 'Kupima VVU',
    lead: null,
    body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Habari ' }, { type: 'text', text: 'muhimu', bold: true }] }],
    channelOverrides: [{ id: 4, channel: 'sms', text: 'Pima VVU bure.' }],
    section: 'hiv-and-stis',
    tags: ['hiv', 'testing'],
    allSites: false,
    sites: ['kijana-ke'],
    image: { id: 9, name: 'clinic.jpg', url: '/uploads/clinic_1.jpg' },
    goLiveAt: '2026-03-01T08:00:00.000Z',
    expireAt: null,
  };
  const source = { ...article, locale: 'en', title: 'HIV testing', lead: 'Why test', body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Hello' }] }] };

  it('writes every cell of the type, the source text beside a translation, and nothing of other types', () => {
    const row = rowOf('article', article, 'modified', source);
    expect(row).toMatchObject({
      type: 'article',
      slug: 'hiv-testing-basics',
      locale: 'sw-KE',
      status: 'modified',
      title: 'Kupima VVU',
      lead: '',
      body: 'Habari **muhimu**',
      'override:sms': 'Pima VVU bure.',
      'override:ussd': '',
      section: 'hiv-and-stis',
      tags: 'hiv, testing',
      allSites: 'no',
      sites: 'kijana-ke',
      image: 'clinic.jpg',
      goLiveAt: '2026-03-01T08:00:00.000Z',
      expireAt: '',
      'source:locale': 'en',
      'source:title': 'HIV testing',
      'source:lead': 'Why test',
      'source:body': 'Hello',
    });
    expect(row).not.toHaveProperty('description');
    expect(row).not.toHaveProperty('position');
  });

  it('keys a site by its code, with no locale, and its variables without database ids', () => {
    const site = { code: 'kijana-ke', name: 'Kijana', hostnames: ['kijana-ke.localhost'], locales: ['en-KE', 'sw-KE'], variables: [{ id: 3, key: 'helpline', value: '116', locale: null }], channels: {} };
    expect(rowOf('site', site, 'published', null)).toMatchObject({ type: 'site', slug: 'kijana-ke', locale: '', hostnames: 'kijana-ke.localhost', locales: 'en-KE, sw-KE', variables: '[{"key":"helpline","value":"116"}]', channels: '{}' });
  });
});

describe('the columns', () => {
  it('a file of sections has only the columns sections use, key columns first', () => {
    const columns = exportColumns(['section']);
    expect(columns.slice(0, 4)).toEqual(['type', 'slug', 'locale', 'status']);
    expect(columns).toEqual(expect.arrayContaining(['title', 'description', 'parent', 'position', 'allSites', 'sites', 'source:description']));
    expect(columns).not.toEqual(expect.arrayContaining(['lead']));
    expect(columns).not.toContain('body');
    expect(columns).not.toContain('override:sms');
  });

  it('the reader knows every column, with date, whole-number and yes/no kinds', () => {
    const kinds = readerColumns();
    expect(kinds).toMatchObject({ goLiveAt: 'date', position: 'integer', allSites: 'yesno', title: 'text', status: 'text', 'source:body': 'text' });
  });
});
