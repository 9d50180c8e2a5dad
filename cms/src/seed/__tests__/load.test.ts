import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DemoContentError, demoContentDir, loadDemoContent } from '../load';
import { markdownToBlocks } from '../../transfer/markdown';

const FIXTURE = path.join(__dirname, 'fixtures', 'minimal');

/** A copy of the minimal fixture with `change` applied, loaded; the DemoContentError it throws, or a failure. */
function problemsAfter(change: (dir: string) => void): readonly string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baobab-demo-content-'));
  try {
    fs.cpSync(FIXTURE, dir, { recursive: true });
    change(dir);
    loadDemoContent(dir);
  } catch (error) {
    if (error instanceof DemoContentError) {
      expect(error.code).toBe('DEMO_CONTENT_INVALID');
      expect(error.message).toContain(error.problems.join('\n  '));
      return error.problems;
    }
    throw error;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  throw new Error('the changed fixture loaded without a problem');
}

const edit = (dir: string, file: string, from: string | RegExp, to: string) => {
  const target = path.join(dir, file);
  const before = fs.readFileSync(target, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`${file} does not contain ${String(from)}`);
  fs.writeFileSync(target, after);
};

describe('loadDemoContent on cms/content/demo', () => {
  const content = loadDemoContent();

  it('reads the folder the CMS package holds, from source and from dist alike', () => {
    expect(demoContentDir).toBe(path.resolve(__dirname, '..', '..', '..', 'content', 'demo'));
  });

  it('finds the four sites, 8 sections, 30 articles, 3 pages and 3 banners', () => {
    expect(content.sites.map((site) => site.code)).toEqual(['kijana-ke', 'thrive-za', 'mama-ng', 'amal-eg']);
    expect(content.sections).toHaveLength(8);
    expect(content.articles).toHaveLength(30);
    expect(content.pages.map((page) => page.slug).sort()).toEqual(['about', 'contact', 'privacy']);
    expect(content.banners.map((banner) => banner.slug)).toEqual(['get-tested-week', 'clinic-finder', 'book-antenatal-early']);
  });

  it('reads a Kenyan translation from its sw-KE.md, title from the front matter and the Markdown body below it', () => {
    const article = content.articles.find((item) => item.slug === 'exam-stress-tips-kenya');
    expect(article?.translations['sw-KE']?.title).toBe('Mtihani wa kitaifa unakaribia? Njia za kupunguza stress');
    expect(article?.sites).toEqual(['kijana-ke']);
    const body = article?.translations.en?.body ?? '';
    expect(body.startsWith('---')).toBe(false);
    expect(markdownToBlocks(body).some((block) => block.type === 'heading')).toBe(true);
  });

  it('keeps translations partial, so sw-KE falls back to sw and some articles are English only', () => {
    const hiv = content.articles.find((item) => item.slug === 'hiv-testing-basics');
    expect(Object.keys(hiv?.translations ?? {})).toEqual(['en', 'sw', 'ar']);
    expect(hiv?.translations.en?.channelOverrides?.ussd).toContain('{{helpline}}');
    expect(Object.keys(content.articles.find((item) => item.slug === 'period-products-guide-za')?.translations ?? {})).toEqual(['en']);
  });

  it('puts the source locale first, so seeding creates an Egyptian article in Arabic', () => {
    const egyptian = content.articles.find((item) => item.slug === 'premarital-health-check-egypt');
    expect(Object.keys(egyptian?.translations ?? {})).toEqual(['ar-EG', 'en']);
  });

  it('turns the polls plugin on for kijana-ke and mama-ng only', () => {
    expect(content.sites.filter((site) => site.plugins?.includes('polls')).map((site) => site.code)).toEqual(['kijana-ke', 'mama-ng']);
  });
});

describe('loadDemoContent on a folder', () => {
  it('loads the minimal fixture as SeedContent', () => {
    const content = loadDemoContent(FIXTURE);
    expect(content.articles).toEqual([
      expect.objectContaining({ slug: 'hiv-testing', section: 'hiv', sites: 'all', tags: ['hiv', 'testing'], daysAgo: 3, featured: true }),
    ]);
    expect(content.articles[0]?.translations['sw-KE']).toEqual({ title: 'Kupima VVU', lead: 'Haraka na kwa siri.', body: 'Kujua hali yako kunakupa uwezo.' });
    expect(content.articles[0]?.translations.en?.channelOverrides).toEqual({ sms: 'Test yearly. Call {{helpline}}.' });
    expect(content.pages[0]?.translations.en).toEqual({ title: 'About us', body: 'We are a health information service.' });
  });

  it('takes a new article from files alone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baobab-demo-content-'));
    try {
      fs.cpSync(FIXTURE, dir, { recursive: true });
      fs.mkdirSync(path.join(dir, 'articles', 'prep-basics'));
      fs.writeFileSync(path.join(dir, 'articles', 'prep-basics', 'article.yaml'), 'section: hiv\nsites: [demo-ke]\ntags: [prep]\ndaysAgo: 1\n');
      fs.writeFileSync(path.join(dir, 'articles', 'prep-basics', 'en.md'), '---\ntitle: PrEP\nlead: A daily pill.\n---\n\nPrEP protects you.\n');
      const added = loadDemoContent(dir).articles.find((article) => article.slug === 'prep-basics');
      expect(added).toEqual({ slug: 'prep-basics', section: 'hiv', sites: ['demo-ke'], tags: ['prep'], daysAgo: 1, translations: { en: { title: 'PrEP', lead: 'A daily pill.', body: 'PrEP protects you.' } } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the file and field of a missing or blank title', () => {
    expect(problemsAfter((dir) => edit(dir, 'articles/hiv-testing/sw-KE.md', 'title: Kupima VVU\n', ''))).toEqual(['articles/hiv-testing/sw-KE.md: title is required']);
    expect(problemsAfter((dir) => edit(dir, 'articles/hiv-testing/sw-KE.md', 'title: Kupima VVU', 'title: " "'))).toEqual(['articles/hiv-testing/sw-KE.md: title must not be empty']);
  });

  it('wants a body below the front matter, and the articles folder itself', () => {
    expect(problemsAfter((dir) => edit(dir, 'pages/about/en.md', 'We are a health information service.', ''))).toEqual(['pages/about/en.md: body is required (write it below the front matter)']);
    expect(problemsAfter((dir) => fs.rmSync(path.join(dir, 'articles'), { recursive: true }))).toEqual(['articles/: is missing (a folder articles/<slug>/ per article)']);
  });

  it('refuses an article in a section sections.yaml does not have', () => {
    expect(problemsAfter((dir) => edit(dir, 'articles/hiv-testing/article.yaml', 'section: hiv', 'section: hiv-and-stis'))).toEqual([
      'articles/hiv-testing/article.yaml: section "hiv-and-stis" is not a section in sections.yaml',
    ]);
  });

  it('refuses sites and parents that do not exist', () => {
    const problems = problemsAfter((dir) => {
      edit(dir, 'banners.yaml', 'sites: [demo-ke]', 'sites: [demo-ng]');
      edit(dir, 'sections.yaml', 'parent: health', 'parent: wellbeing');
    });
    expect(problems).toEqual([
      'sections.yaml: sections[hiv].parent "wellbeing" is not another section in sections.yaml',
      'banners.yaml: banners[get-tested].sites "demo-ng" is not a site in sites.yaml',
    ]);
  });

  it('refuses a translation file for a locale the registry does not know', () => {
    const problems = problemsAfter((dir) => fs.copyFileSync(path.join(dir, 'articles/hiv-testing/sw-KE.md'), path.join(dir, 'articles/hiv-testing/sw-XX.md')));
    expect(problems).toEqual(['articles/hiv-testing/sw-XX.md: locale "sw-XX" is not in locales/registry.json (name the file <locale>.md, like sw-KE.md)']);
  });

  it('refuses unknown locales in YAML files too, naming the entry', () => {
    const problems = problemsAfter((dir) => {
      edit(dir, 'sites.yaml', 'locales: [en-KE, sw-KE]', 'locales: [en-KE, sw-KE, kl-KE]');
      edit(dir, 'sections.yaml', '    sw: { title: Afya', '    swa: { title: Afya');
    });
    expect(problems).toEqual([
      'sites.yaml: sites[demo-ke].locales[2] "kl-KE" is not in locales/registry.json',
      'sections.yaml: sections[health].translations.swa "swa" is not in locales/registry.json',
    ]);
  });

  it('refuses a translation into a locale no carrying site serves, as the CMS would', () => {
    const problems = problemsAfter((dir) => edit(dir, 'articles/hiv-testing/article.yaml', 'sites: all', 'sites: []'));
    expect(problems).toEqual([expect.stringMatching(/^articles\/hiv-testing\/sw-KE\.md: Article "hiv-testing" cannot have a sw-KE version: no site carries it yet/)]);
  });

  it('says what is wrong with bad front matter', () => {
    expect(problemsAfter((dir) => edit(dir, 'articles/hiv-testing/sw-KE.md', /^---\n/, '')).at(0)).toBe(
      'articles/hiv-testing/sw-KE.md: bad front matter: the file must start with a "---" line, then its fields (title: …), then a closing "---" line',
    );
    expect(problemsAfter((dir) => edit(dir, 'articles/hiv-testing/sw-KE.md', 'lead: Haraka na kwa siri.', 'lead: [Haraka')).at(0)).toMatch(
      /^articles\/hiv-testing\/sw-KE\.md: bad front matter: .+ \(line 3, column \d+\)$/,
    );
    expect(problemsAfter((dir) => edit(dir, 'articles/hiv-testing/sw-KE.md', 'title: Kupima VVU', 'titel: Kupima VVU'))).toEqual([
      'articles/hiv-testing/sw-KE.md: title is required',
      'articles/hiv-testing/sw-KE.md: has unknown field "titel"',
    ]);
  });

  it('refuses a channel override for a channel that does not exist', () => {
    expect(problemsAfter((dir) => edit(dir, 'articles/hiv-testing/en.md', '  sms:', '  fax:'))).toEqual([
      'articles/hiv-testing/en.md: channelOverrides has an unknown channel "fax"; channels are whatsapp, sms, ussd, telegram, messenger',
    ]);
  });

  it('asks for quotes when YAML reads a value as a number', () => {
    expect(problemsAfter((dir) => edit(dir, 'sites.yaml', 'value: "1190"', 'value: 1190'))).toEqual(['sites.yaml: sites[demo-ke].variables[0].value must be text (put it in quotes)']);
  });

  it('refuses folder names that are not slugs, and an article without its source text', () => {
    const problems = problemsAfter((dir) => {
      fs.renameSync(path.join(dir, 'articles/hiv-testing'), path.join(dir, 'articles/HIV_testing'));
      fs.rmSync(path.join(dir, 'pages/about/en.md'));
    });
    expect(problems).toEqual([
      'articles/HIV_testing: the folder name is the article\'s slug: use lowercase letters, digits and single hyphens, like "hiv-testing"',
      'pages/about: en.md is required: the source text (page.yaml\'s source, default en)',
    ]);
  });

  it('lists every problem in every file at once, and names a missing file', () => {
    const problems = problemsAfter((dir) => {
      fs.rmSync(path.join(dir, 'banners.yaml'));
      edit(dir, 'sections.yaml', 'position: 2', 'position: second');
      edit(dir, 'articles/hiv-testing/en.md', 'lead: Quick and private.\n', '');
    });
    expect(problems).toEqual([
      'sections.yaml: sections[hiv].position must be a number',
      'banners.yaml: is missing',
      'articles/hiv-testing/en.md: lead is required',
    ]);
  });

  it('judges references once the files are sound, naming the site and its locales', () => {
    expect(problemsAfter((dir) => edit(dir, 'sites.yaml', 'defaultLocale: en-KE', 'defaultLocale: sw'))).toEqual([
      'sites.yaml: sites[demo-ke].defaultLocale "sw" is not one of its locales [en-KE, sw-KE]',
    ]);
  });
});
