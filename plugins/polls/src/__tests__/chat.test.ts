import { createTranslate } from '@baobab/locales';
import type { ChatContext } from '@baobab/plugin-api';
import chat, { type ChatPoll, parseChoices, questionScreen, resultsScreen } from '../chat';

const poll = (overrides: Partial<ChatPoll> = {}): ChatPoll => ({
  slug: 'know-your-status',
  question: 'Have you ever taken an HIV test?',
  isMultiple: false,
  maxChoices: 1,
  results: 'PERCENT',
  isOpen: true,
  totalVotes: 3,
  choices: [
    { id: 'yes', label: 'Yes', votes: 2, percent: 67 },
    { id: 'no', label: 'No', votes: 1, percent: 33 },
    { id: 'not-sure', label: 'Not sure', votes: 0, percent: 0 },
  ],
  ...overrides,
});

const translate = createTranslate({
  pollEntry: 'Poll: {{question}}',
  pollThanks: 'Thank you for voting.',
  pollAlreadyVoted: 'You have already voted. Here are the results.',
  pollHidden: 'Results of this poll are not shown.',
  pollClosed: 'This poll is closed.',
  pollTotal: 'Votes: {{count}}',
  pollNoVotes: 'No votes yet.',
  pollBadChoice: 'Please reply with the number of a choice.',
  pollPickOne: 'Please reply with one number only.',
  pollTooMany: 'Please choose at most {{max}}.',
  notFound: 'That is no longer available.',
});
const t: ChatContext['t'] = (key, values) => translate(key, values && Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)])));

describe('reading a reader`s choices', () => {
  it('takes choice keys or numbers in the order shown, separated by commas, spaces or *', () => {
    const multiple = poll({ isMultiple: true, maxChoices: 2 });
    expect(parseChoices(multiple, 'yes,no')).toEqual({ keys: ['yes', 'no'] });
    expect(parseChoices(multiple, '1*3')).toEqual({ keys: ['yes', 'not-sure'] });
    expect(parseChoices(multiple, ' 3 , 1 ')).toEqual({ keys: ['not-sure', 'yes'] });
    expect(parseChoices(multiple, '2,2')).toEqual({ keys: ['no'] });
  });

  it('names what is wrong: not a choice, several on a single-choice poll, more than allowed', () => {
    expect(parseChoices(poll(), 'maybe')).toEqual({ problem: 'pollBadChoice' });
    expect(parseChoices(poll(), '4')).toEqual({ problem: 'pollBadChoice' });
    expect(parseChoices(poll(), '')).toEqual({ problem: 'pollBadChoice' });
    expect(parseChoices(poll(), '1,2')).toEqual({ problem: 'pollPickOne' });
    expect(parseChoices(poll({ isMultiple: true, maxChoices: 2 }), '1,2,3')).toEqual({ problem: 'pollTooMany' });
  });
});

describe('poll screens', () => {
  it('shows the question with each choice keyed by its stable key', () => {
    expect(questionScreen(poll())).toEqual({
      text: 'Have you ever taken an HIV test?',
      choices: [
        { label: 'Yes', input: 'yes' },
        { label: 'No', input: 'no' },
        { label: 'Not sure', input: 'not-sure' },
      ],
    });
    expect(questionScreen(poll({ isMultiple: true }), 'Please choose at most 2.')).toMatchObject({ isMultiple: true, notice: 'Please choose at most 2.' });
  });

  it('shows percents, totals, or only thanks when results are hidden; after a vote the thanks takes the question`s place', () => {
    expect(resultsScreen(poll(), t, 'pollThanks')).toEqual({ text: 'Thank you for voting.\nYes: 67%\nNo: 33%\nNot sure: 0%\nVotes: 3', choices: [], done: true });
    expect(resultsScreen(poll({ results: 'TOTALS' }), t, null).text).toBe('Have you ever taken an HIV test?\nYes: 2\nNo: 1\nNot sure: 0\nVotes: 3');
    const hidden = poll({ results: 'HIDDEN', totalVotes: null, choices: poll().choices.map((choice) => ({ ...choice, votes: null, percent: null })) });
    expect(resultsScreen(hidden, t, 'pollThanks').text).toBe('Thank you for voting.');
    expect(resultsScreen(hidden, t, 'pollClosed').text).toBe('Have you ever taken an HIV test?\nThis poll is closed.\nResults of this poll are not shown.');
    expect(resultsScreen(poll({ totalVotes: 0 }), t, 'pollClosed').text).toBe('Have you ever taken an HIV test?\nThis poll is closed.\nNo votes yet.');
  });
});

describe('the poll view', () => {
  const view = chat.views.poll;
  if (!view) throw new Error('the polls chat half has no poll view');

  /** A context whose CMS answers from a script, recording what it was asked. */
  function context(answers: Array<{ data?: unknown; errors?: Array<{ message: string; code?: string }> }>) {
    const asked: Array<{ query: string; variables: Readonly<Record<string, unknown>> }> = [];
    const value: ChatContext = {
      site: { code: 'kijana-ke', defaultLocale: 'en-KE', locales: ['en-KE', 'sw-KE'], plugins: ['polls'] },
      locale: 'sw-KE',
      channel: 'ussd',
      voter: 'hash-of-the-reader',
      delivery: async (query, variables) => {
        asked.push({ query, variables });
        return answers.shift() ?? { errors: [{ message: 'unexpected', code: 'UNEXPECTED' }] };
      },
      t,
    };
    return { value, asked };
  }
  const served = (p: ChatPoll) => ({ data: { site: { poll: p } } });

  it('votes as the reader`s hash, in the reader`s language, with the choices as keys, and shows the results', async () => {
    const { value, asked } = context([served(poll()), { data: { vote: { counted: true, poll: poll({ totalVotes: 4 }) } } }]);
    const screen = await view.answer(value, { slug: 'know-your-status' }, 'no');
    expect(asked[1]?.variables).toEqual({ site: 'kijana-ke', poll: 'know-your-status', choices: ['no'], reader: 'hash-of-the-reader', locale: 'sw-KE' });
    expect(asked[1]?.query).toMatch(/mutation/);
    expect(screen).toMatchObject({ choices: [], done: true });
    expect(screen.text).toContain('Thank you for voting.');
    expect(screen.text).toContain('Votes: 4');
  });

  it('says so when the reader had already voted', async () => {
    const { value } = context([served(poll()), { data: { vote: { counted: false, poll: poll() } } }]);
    expect((await view.answer(value, { slug: 'know-your-status' }, '1')).text).toContain('You have already voted.');
  });

  it('re-prompts on the same question without voting when the input is no choice', async () => {
    const { value, asked } = context([served(poll())]);
    const screen = await view.answer(value, { slug: 'know-your-status' }, '9');
    expect(asked).toHaveLength(1);
    expect(screen).toMatchObject({ text: 'Have you ever taken an HIV test?', notice: 'Please reply with the number of a choice.' });
    expect(screen.choices).toHaveLength(3);
  });

  it('shows the results of a closed poll, whether it closed before or during the vote', async () => {
    const closed = poll({ isOpen: false });
    const before = context([served(closed)]);
    expect((await view.show(before.value, { slug: 'know-your-status' })).text).toContain('This poll is closed.');
    const during = context([served(poll()), { errors: [{ message: 'closed', code: 'POLL_CLOSED' }] }, served(closed)]);
    const screen = await view.answer(during.value, { slug: 'know-your-status' }, '1');
    expect(screen).toMatchObject({ done: true });
    expect(screen.text).toContain('This poll is closed.');
  });

  it('offers one entry per poll placed after the article, labelled in the reader`s language', async () => {
    const { value, asked } = context([{ data: { site: { polls: [{ slug: 'know-your-status', question: 'Je, umewahi kupima VVU?' }] } } }]);
    const entries = (await chat.articleEntries?.(value, 'hiv-testing-basics')) ?? [];
    expect(asked[0]?.variables).toEqual({ site: 'kijana-ke', locale: 'sw-KE', article: 'hiv-testing-basics' });
    expect(entries).toEqual([{ label: 'Poll: Je, umewahi kupima VVU?', view: 'poll', state: { slug: 'know-your-status' } }]);
  });

  it('adds no entry on a site without the plugin', async () => {
    const { value } = context([{ errors: [{ message: 'not enabled', code: 'PLUGIN_NOT_ENABLED' }] }]);
    expect(await chat.articleEntries?.(value, 'hiv-testing-basics')).toEqual([]);
  });
});
