import { pollProblems } from '../cms/rules';

const valid = {
  slug: 'know-your-status',
  question: 'Have you ever taken an HIV test?',
  choices: [
    { id: 1, key: 'yes', label: 'Yes' },
    { id: 2, key: 'no', label: 'No' },
  ],
  isMultiple: false,
  maxChoices: null,
  placement: 'article',
  article: 'hiv-testing-basics',
  section: null,
  allSites: false,
  sites: ['kijana-ke'],
  opensAt: null,
  closesAt: null,
};
const paths = (data: Record<string, unknown>) => pollProblems(data).map((problem) => problem.path);

describe('pollProblems', () => {
  it('accepts a complete poll', () => {
    expect(pollProblems(valid)).toEqual([]);
    expect(pollProblems({ ...valid, placement: 'home', article: null, allSites: true, sites: [] })).toEqual([]);
  });

  it('asks for 2 to 10 choices', () => {
    expect(paths({ ...valid, choices: [{ key: 'yes', label: 'Yes' }] })).toEqual(['choices']);
    const eleven = Array.from({ length: 11 }, (_, index) => ({ key: `c${index}`, label: `Choice ${index}` }));
    expect(paths({ ...valid, choices: eleven })).toEqual(['choices']);
  });

  it('points at the choice with a repeated, malformed or missing key, or a bad label', () => {
    const problems = pollProblems({
      ...valid,
      choices: [
        { key: 'yes', label: 'Yes' },
        { key: 'yes', label: 'Again' },
        { key: 'Not Sure', label: 'Not sure' },
        { key: 'later', label: '' },
        { key: 'long', label: 'x'.repeat(81) },
      ],
    });
    expect(problems.map((problem) => problem.path)).toEqual(['choices.1.key', 'choices.2.key', 'choices.3.label', 'choices.4.label']);
    expect(problems[0]?.message).toContain('Choice 1 already uses the key "yes"');
  });

  it('takes maxChoices only for a multiple poll, within the number of choices', () => {
    expect(paths({ ...valid, maxChoices: 2 })).toEqual(['maxChoices']);
    expect(paths({ ...valid, isMultiple: true, maxChoices: 2 })).toEqual([]);
    expect(paths({ ...valid, isMultiple: true, maxChoices: 3 })).toEqual(['maxChoices']);
  });

  it('wants the poll to close after it opens', () => {
    expect(paths({ ...valid, opensAt: '2026-12-02T10:00:00Z', closesAt: '2026-12-02T09:00:00Z' })).toEqual(['closesAt']);
    expect(paths({ ...valid, opensAt: '2026-12-02T10:00:00Z', closesAt: '2026-12-03T10:00:00Z' })).toEqual([]);
  });

  it('wants the article or section its placement names, and some site', () => {
    expect(paths({ ...valid, article: null })).toEqual(['article']);
    expect(paths({ ...valid, placement: 'section', article: null })).toEqual(['section']);
    expect(paths({ ...valid, placement: 'section', section: 'hiv-and-stis' })).toEqual([]);
    expect(paths({ ...valid, sites: [] })).toEqual(['sites']);
  });

  it('refuses an article or section that does not exist where the placement uses it, naming the slug', () => {
    const missing = (...fields: string[]) => ({ missing: new Set(fields) });
    expect(pollProblems(valid, missing('article'))).toEqual([
      { path: 'article', message: expect.stringContaining('No article has the web address name "hiv-testing-basics"') },
    ]);
    expect(pollProblems({ ...valid, placement: 'section', section: 'gone' }, missing('section'))).toEqual([
      { path: 'section', message: expect.stringContaining('No section has the web address name "gone"') },
    ]);
    // A leftover article on a poll placed elsewhere is not where it shows: it does not block the save.
    expect(pollProblems({ ...valid, placement: 'home' }, missing('article'))).toEqual([]);
  });

  it('checks the question and slug', () => {
    expect(paths({ ...valid, question: ' ' })).toEqual(['question']);
    expect(paths({ ...valid, question: 'q'.repeat(201) })).toEqual(['question']);
    expect(paths({ ...valid, slug: 'Know Your Status' })).toEqual(['slug']);
  });
});
