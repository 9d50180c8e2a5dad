// The polls mobi half on its own: what a slot renders for each state of a poll, and what
// the vote route answers for each answer of the delivery API.
import type { PluginPost, SlotProps } from '@baobab/plugin-api';
import { renderToStaticMarkup } from 'react-dom/server';
import pollsMobi, { errorParam, PollsSlot, REFUSAL_STATUS, vote, VOTE_ERRORS, VOTE_REFUSALS, type VoteRefusal } from '../mobi';

const choices = [
  { id: 'yes', label: 'Yes', votes: 3, percent: 75 },
  { id: 'no', label: 'No', votes: 1, percent: 25 },
];
const poll = (overrides: Record<string, unknown> = {}) => ({
  slug: 'know-your-status',
  question: 'Have you ever taken an HIV test?',
  locale: 'en',
  isFallback: false,
  isMultiple: false,
  maxChoices: 1,
  results: 'PERCENT',
  isOpen: true,
  totalVotes: 4,
  choices,
  ...overrides,
});

const t: SlotProps['t'] = (key, values) => `${key}${values ? `(${Object.entries(values).map(([name, value]) => `${name}=${value}`).join(',')})` : ''}`;
const render = (polls: unknown[], query: Record<string, string[]> = {}, isOwnRedirect = false) =>
  renderToStaticMarkup(
    <>
      {PollsSlot({
        site: { code: 'kijana-ke', defaultLocale: 'en-KE', locales: ['en-KE', 'sw-KE'], plugins: ['polls'] },
        locale: 'en-KE',
        path: '/articles/hiv-testing-basics',
        data: { code: 'kijana-ke', polls },
        query,
        isOwnRedirect,
        formFields: { _csrf: 'TOKEN', _back: '/articles/hiv-testing-basics' },
        t,
      })}
    </>,
  );

describe('the polls slot', () => {
  it('asks for a variable that each page query declares', () => {
    expect(pollsMobi.queries?.articleEnd).toContain('polls(locale: $locale, placement: ARTICLE, article: $slug)');
    expect(pollsMobi.queries?.section).toContain('placement: SECTION, section: $slug');
    expect(pollsMobi.queries?.home).toContain('placement: HOME)');
    expect(pollsMobi.queries?.home).not.toContain('$slug');
  });

  it('shows an open poll as a plain form posting to the vote route, with the hidden fields, radios and a Vote button', () => {
    const html = render([poll()]);
    expect(html).toContain('<form method="post" action="/_plugins/polls/vote#poll-know-your-status">');
    expect(html).toContain('<input type="hidden" name="_csrf" value="TOKEN"/>');
    expect(html).toContain('<input type="hidden" name="poll" value="know-your-status"/>');
    expect(html).toContain('<legend>Have you ever taken an HIV test?</legend>');
    expect(html.match(/type="radio" name="choice"/g)).toHaveLength(2);
    expect(html).toContain('<button type="submit">pollVote</button>');
    expect(html).not.toContain('75%');
  });

  it('uses checkboxes for a multiple-choice poll and says how many may be picked', () => {
    const html = render([poll({ isMultiple: true, maxChoices: 2, choices: [...choices, { id: 'maybe', label: 'Maybe', votes: 0, percent: 0 }] })]);
    expect(html.match(/type="checkbox" name="choice"/g)).toHaveLength(3);
    expect(html).toContain('pollChooseUpTo(count=2)');
  });

  it('requires one radio of a single-choice poll (the browser asks before posting), never a checkbox', () => {
    expect(render([poll()]).match(/<input type="radio" name="choice" required="" value="[a-z]+"/g)).toHaveLength(2);
    expect(render([poll({ isMultiple: true, maxChoices: 2 })])).not.toContain('required');
  });

  it('shows percent bars and thanks the reader whose own vote redirected here', () => {
    const html = render([poll()], { voted: ['know-your-status'] }, true);
    expect(html).not.toContain('<form');
    expect(html).toContain('pollThanks');
    expect(html).not.toContain('pollAlreadyVoted');
    expect(html).toContain('Yes: <strong>75%</strong>');
    expect(html).toContain('width:75%');
    expect(html).toContain('pollTotalVotes(count=4)');
  });

  it('says "already voted" instead of thanks after a second vote (again=1)', () => {
    const html = render([poll()], { voted: ['know-your-status'], again: ['1'] }, true);
    expect(html).toContain('pollAlreadyVoted');
    expect(html).not.toContain('pollThanks');
    expect(html).toContain('Yes: <strong>75%</strong>');
  });

  it('shows the results without thanks or "already voted" to a link someone shared (not their own redirect)', () => {
    const queries: Array<Record<string, string[]>> = [{ voted: ['know-your-status'] }, { voted: ['know-your-status'], again: ['1'] }];
    for (const query of queries) {
      const html = render([poll()], query, false);
      expect(html).toContain('Yes: <strong>75%</strong>');
      expect(html).not.toContain('pollThanks');
      expect(html).not.toContain('pollAlreadyVoted');
      expect(html).not.toContain('class="notice"');
    }
  });

  it('shows totals, or only thanks when the results are hidden, and the results of a closed poll to everyone', () => {
    expect(render([poll({ results: 'TOTALS' })], { voted: ['know-your-status'] }, true)).toContain('Yes: <strong>pollVotes(count=3)</strong>');
    const hidden = render([poll({ results: 'HIDDEN', totalVotes: null, choices: choices.map((choice) => ({ ...choice, votes: null, percent: null })) })], { voted: ['know-your-status'] }, true);
    expect(hidden).toContain('pollThanks');
    expect(hidden).not.toContain('<li>');
    const closed = render([poll({ isOpen: false })]);
    expect(closed).toContain('pollClosed');
    expect(closed).toContain('75%');
    expect(closed).not.toContain('<form');
  });

  it('leaves another poll on the page as a form when the reader voted in one', () => {
    const html = render([poll(), poll({ slug: 'other' })], { voted: ['other'] }, true);
    expect(html.match(/<form/g)).toHaveLength(1);
  });

  it("shows a refused vote's message inside that poll's box, under its question, with the reader's ticks kept", () => {
    const three = [...choices, { id: 'maybe', label: 'Maybe', votes: 0, percent: 0 }];
    const html = render([poll({ slug: 'other' }), poll({ isMultiple: true, maxChoices: 2, choices: three })], { poll: ['know-your-status'], error: ['too-many-choices'], choice: ['yes', 'no', 'maybe'] });
    const box = html.slice(html.indexOf('id="poll-know-your-status"'));
    expect(html.indexOf('role="alert"')).toBeGreaterThan(html.indexOf('id="poll-know-your-status"'));
    expect(box).toMatch(/<legend>Have you ever taken an HIV test\?<\/legend><p role="alert" class="notice"><strong>pollTooManyChoices<\/strong><\/p>/);
    expect(box.match(/checked=""/g)).toHaveLength(3);
    expect(html.match(/role="alert"/g)).toHaveLength(1);
  });

  it.each([
    ['a key the poll does not have', ['yes', 'maybe-later']],
    ['a key twice', ['yes', 'yes']],
    ['more keys than the poll has choices', ['yes', 'no', 'yes']],
  ])('ticks nothing when the query names %s', (_name, picked) => {
    const html = render([poll({ isMultiple: true, maxChoices: 2 })], { poll: ['know-your-status'], error: ['too-many-choices'], choice: picked });
    expect(html).toContain('pollTooManyChoices');
    expect(html).not.toContain('checked');
  });

  it('ignores an error it does not know, a second value, and state for a poll not on the page', () => {
    expect(render([poll()], { poll: ['know-your-status'], error: ['no_choice'] })).not.toContain('role="alert"');
    expect(render([poll()], { poll: ['know-your-status'], error: ['no-choice', 'bad-choice'] })).not.toContain('role="alert"');
    expect(render([poll()], { poll: ['other'], error: ['no-choice'], choice: ['yes'] })).not.toMatch(/alert|checked/);
    expect(render([poll()], { voted: ['know-your-status', 'other'] }, true)).toContain('<form');
  });

  it('says why a vote on a closed poll was not counted, above its results', () => {
    const html = render([poll({ isOpen: false })], { poll: ['know-your-status'], error: ['poll-closed'] });
    expect(html).toContain('<p role="alert" class="notice"><strong>pollClosedError</strong></p>');
    expect(html).toContain('75%');
  });

  it('renders nothing without polls or with data it does not understand', () => {
    expect(render([])).toBe('');
    expect(render([{ slug: 1 }])).toBe('');
  });
});

describe('the vote route', () => {
  const calls: Array<Record<string, unknown>> = [];
  const post = (fields: PluginPost['fields'], answer: Awaited<ReturnType<PluginPost['delivery']>>): PluginPost => ({
    site: { code: 'kijana-ke', defaultLocale: 'en-KE', locales: ['en-KE', 'sw-KE'], plugins: ['polls'] },
    locale: 'sw-KE',
    fields: { _back: '/sw-KE/articles/hiv-testing-basics', ...fields },
    reader: 'READER',
    delivery: async (_query, variables) => {
      calls.push({ ...variables });
      return answer;
    },
    t,
  });

  it('casts the vote as this reader on this site, then redirects to the page showing fresh results', async () => {
    calls.length = 0;
    const result = await vote(post({ poll: 'know-your-status', choice: ['yes', 'yes'] }, { data: { vote: { counted: true, poll: { slug: 'know-your-status' } } } }));
    expect(result).toEqual({ redirect: '/sw-KE/articles/hiv-testing-basics?voted=know-your-status#poll-know-your-status' });
    expect(calls).toEqual([{ site: 'kijana-ke', poll: 'know-your-status', choices: ['yes'], reader: 'READER', locale: 'sw-KE' }]);
  });

  it('redirects a second vote, which the CMS did not count, to the results with again=1', async () => {
    const result = await vote(post({ poll: 'know-your-status', choice: 'no' }, { data: { vote: { counted: false, poll: { slug: 'know-your-status' } } } }));
    expect(result).toEqual({ redirect: '/sw-KE/articles/hiv-testing-basics?voted=know-your-status&again=1#poll-know-your-status' });
  });

  it.each(Object.keys(VOTE_REFUSALS) as VoteRefusal[])('answers %s with the page again, its 4xx, the code and the ticks for the poll to show', async (code) => {
    const result = await vote(post({ poll: 'know-your-status', choice: ['yes', 'no'] }, { errors: [{ message: 'no', code }] }));
    expect(result).toEqual({ status: REFUSAL_STATUS[code], back: `/sw-KE/articles/hiv-testing-basics?poll=know-your-status&error=${errorParam(code)}&choice=yes&choice=no` });
    expect(REFUSAL_STATUS[code]).toBe(code === 'POLL_CLOSED' ? 409 : code === 'RATE_LIMITED' ? 429 : 422);
  });

  it.each(Object.entries(VOTE_ERRORS))('answers %s, with no poll on the page to explain it, with the page again, 404 and its message', async (code, expected) => {
    const result = await vote(post({ poll: 'know-your-status', choice: 'yes' }, { errors: [{ message: 'no', code }] }));
    expect(result).toEqual({ status: 404, message: expected.message, back: '/sw-KE/articles/hiv-testing-basics' });
  });

  it('refuses an empty ballot, a key that is no slug, or a malformed poll without asking the CMS', async () => {
    calls.length = 0;
    expect(await vote(post({ poll: 'know-your-status' }, { data: null }))).toEqual({ status: 422, back: '/sw-KE/articles/hiv-testing-basics?poll=know-your-status&error=no-choice' });
    expect(await vote(post({ poll: 'know-your-status', choice: ['yes', '<b>'] }, { data: null }))).toEqual({
      status: 422,
      back: '/sw-KE/articles/hiv-testing-basics?poll=know-your-status&error=bad-choice&choice=yes',
    });
    expect(await vote(post({ poll: '../x', choice: 'yes' }, { data: null }))).toMatchObject({ status: 404, message: 'pollNotFound' });
    expect(calls).toEqual([]);
  });

  it('fails loudly when the CMS refuses the mobi itself (a write secret it does not share)', async () => {
    await expect(vote(post({ poll: 'know-your-status', choice: 'yes' }, { errors: [{ message: 'no', code: 'UNAUTHENTICATED' }] }))).rejects.toThrow(/UNAUTHENTICATED/);
  });
});
