import delivery, { pollView, type PollRow } from '../delivery';
import { buildSchema, isObjectType } from 'graphql';

const site = { code: 'kijana-ke', defaultLocale: 'en-KE', locales: ['en-KE', 'sw-KE'], plugins: ['polls'] };
const row: PollRow = {
  documentId: 'doc1',
  locale: 'en',
  slug: 'know-your-status',
  question: 'Tested?',
  choices: [
    { key: 'yes', label: 'Yes' },
    { key: 'no', label: 'No' },
    { key: 'unsure', label: 'Not sure' },
  ],
  isMultiple: false,
  maxChoices: null,
  results: 'percent',
  shuffle: false,
  opensAt: null,
  closesAt: null,
  placement: 'article',
  article: 'hiv-testing-basics',
  section: null,
  allSites: false,
  sites: ['kijana-ke'],
};
const counts = { total: 3, byChoice: new Map([['yes', 1], ['no', 1], ['unsure', 1]]) };
const now = Date.parse('2026-12-02T10:00:00Z');

describe('pollView', () => {
  it('serves counts and percents summing to 100, in stored order', () => {
    const view = pollView(row, site, 'sw-KE', counts, now);
    expect(view).toMatchObject({ id: 'doc1:kijana-ke:sw-KE', locale: 'en', requestedLocale: 'sw-KE', isFallback: true, maxChoices: 1, results: 'PERCENT', placement: 'ARTICLE', isOpen: true, totalVotes: 3 });
    expect(view.choices).toEqual([
      { id: 'yes', label: 'Yes', votes: 1, percent: 34 },
      { id: 'no', label: 'No', votes: 1, percent: 33 },
      { id: 'unsure', label: 'Not sure', votes: 1, percent: 33 },
    ]);
  });

  it('hides votes, totals and percents when results are hidden; totals have no percents', () => {
    const hidden = pollView({ ...row, results: 'hidden' }, site, 'en-KE', null, now);
    expect(hidden.totalVotes).toBeNull();
    expect(hidden.choices.every((choice) => choice.votes === null && choice.percent === null)).toBe(true);
    const totals = pollView({ ...row, results: 'totals' }, site, 'en-KE', counts, now);
    expect(totals.choices.map((choice) => [choice.votes, choice.percent])).toEqual([[1, null], [1, null], [1, null]]);
  });

  it('has null percents before any vote, zero votes and totals', () => {
    const empty = pollView(row, site, 'en-KE', { total: 0, byChoice: new Map() }, now);
    expect(empty.totalVotes).toBe(0);
    expect(empty.choices.map((choice) => [choice.votes, choice.percent])).toEqual([[0, null], [0, null], [0, null]]);
  });

  it('shuffles when asked, closes at closesAt, caps maxChoices by the choices', () => {
    const view = pollView({ ...row, shuffle: true, isMultiple: true, maxChoices: 9, closesAt: now }, site, 'en-KE', counts, now, () => 0);
    expect(view.choices.map((choice) => choice.id)).toEqual(['no', 'unsure', 'yes']);
    expect(view.isOpen).toBe(false);
    expect(view.closesAt).toBe('2026-12-02T10:00:00.000Z');
    expect(view.maxChoices).toBe(3);
  });
});

describe('typeDefs', () => {
  it('extend a schema with Site, Mutation and DateTime', () => {
    const schema = buildSchema(`scalar DateTime type Site { code: String! } type Query { site: Site } type Mutation { ping: Boolean } ${delivery.typeDefs}`);
    const siteType = schema.getType('Site');
    expect(isObjectType(siteType) && Object.keys(siteType.getFields())).toEqual(['code', 'polls', 'poll']);
    expect(schema.getMutationType()?.getFields().vote?.args.map((arg) => arg.name)).toEqual(['site', 'poll', 'choices', 'reader', 'locale']);
  });
});
