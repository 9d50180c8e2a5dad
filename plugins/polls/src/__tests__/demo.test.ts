import { parse } from 'yaml';
import fs from 'node:fs';
import { pollProblems } from '../cms/rules';
import { demoFile, loadDemoPolls, pollData } from '../cms/seed';

describe('demo polls', () => {
  const polls = loadDemoPolls();

  it('gives each site that enables polls a poll after an article it carries and one on its home', () => {
    for (const site of ['kijana-ke', 'mama-ng']) {
      const carried = polls.filter((poll) => poll.sites === 'all' || poll.sites.includes(site));
      expect(carried.some((poll) => poll.placement === 'article' && poll.article !== undefined)).toBe(true);
      expect(carried.some((poll) => poll.placement === 'home')).toBe(true);
    }
  });

  it('is partly translated, so the locale fallback shows', () => {
    expect(polls.some((poll) => Object.keys(poll.translations).length > 1)).toBe(true);
    expect(polls.some((poll) => Object.keys(poll.translations).length === 1)).toBe(true);
  });

  it('passes the write rule in every translation, with the same keys in each', () => {
    for (const poll of polls) {
      const keySets = Object.keys(poll.translations).map((locale) => {
        expect(pollProblems(pollData(poll, locale, Date.now()))).toEqual([]);
        return poll.translations[locale]?.choices.map((choice) => choice.key).join(',');
      });
      expect(new Set(keySets).size).toBe(1);
    }
  });

  it('refuses a file with a mistake, naming the field', () => {
    const broken = parse(fs.readFileSync(demoFile, 'utf8'));
    broken[0].placement = 'sidebar';
    const file = `${fs.mkdtempSync('/tmp/polls-demo-')}/polls.yaml`;
    fs.writeFileSync(file, JSON.stringify(broken));
    expect(() => loadDemoPolls(file)).toThrow(/0\.placement/);
  });
});
