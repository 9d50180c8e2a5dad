// Poll results as an editor sees them: readers vote through the delivery API (as the
// mobi-site and chat do, with the front ends' write secret), then the poll's edit view in the
// real admin shows, beside the form, the votes per choice on each site and a CSV download.
import type { Browser, Page } from 'playwright-core';
import { cmsUrl, launchBrowser, loggedIn, openEdit, screenshot, UI_TIMEOUT } from './support/admin';

jest.setTimeout(180_000);

const POLL = 'plugin::polls.poll';
const VOTE = `mutation Vote($choice: ID!, $reader: String!) {
  vote(site: "kijana-ke", poll: "know-your-status", choices: [$choice], reader: $reader) { counted poll { id totalVotes choices { id votes } } }
}`;

interface VoteAnswer {
  data?: { vote: { counted: boolean; poll: { id: string; totalVotes: number; choices: Array<{ id: string; votes: number }> } } };
  errors?: unknown[];
}

async function vote(choice: string, reader: string): Promise<NonNullable<VoteAnswer['data']>['vote']> {
  const response = await fetch(`${cmsUrl()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.BAOBAB_TEST_ADMIN_WRITE_SECRET ?? ''}` },
    body: JSON.stringify({ query: VOTE, variables: { choice, reader } }),
  });
  const answer = (await response.json()) as VoteAnswer;
  if (!answer.data) throw new Error(`vote refused: ${JSON.stringify(answer.errors)}`);
  return answer.data.vote;
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await loggedIn(browser);
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe("a poll's Results panel", () => {
  it('shows the votes per choice on each site, as the delivery API counts them, and offers them as CSV', async () => {
    const stamp = Date.now().toString(36);
    await vote('not-yet', `admin-test-a-${stamp}`);
    await vote('not-yet', `admin-test-b-${stamp}`);
    const last = await vote('yes-recently', `admin-test-c-${stamp}`);
    expect(last.counted).toBe(true);
    const documentId = last.poll.id.split(':')[0] ?? '';
    const notYet = last.poll.choices.find((choice) => choice.id === 'not-yet')?.votes ?? 0;
    expect(notYet).toBeGreaterThanOrEqual(2);

    await openEdit(page, POLL, documentId, 'en');
    const kenya = page.locator('[data-baobab-poll-site="kijana-ke"]');
    await kenya.waitFor({ timeout: UI_TIMEOUT });
    expect(await kenya.locator('p').first().innerText()).toBe(`Kijana Kenya: ${last.poll.totalVotes} votes`);
    expect(await kenya.locator('[data-baobab-poll-choice="not-yet"] td').allInnerTexts()).toEqual(['Not yet', String(notYet), expect.stringMatching(/^\d+%$/)]);
    expect(await page.locator('[data-baobab-poll-site="thrive-za"]').count()).toBe(0);

    const csv = page.locator('[data-baobab-poll-csv]');
    expect(await csv.getAttribute('download')).toBe('poll-know-your-status-results.csv');
    const href = (await csv.getAttribute('href')) ?? '';
    expect(href.startsWith('data:text/csv;charset=utf-8,')).toBe(true);
    const rows = decodeURIComponent(href.slice('data:text/csv;charset=utf-8,'.length)).trim().split('\r\n');
    expect(rows[0]).toBe('"site","site name","choice","label","votes","percent","site total votes"');
    const row = rows.find((line) => line.startsWith('"kijana-ke","Kijana Kenya","not-yet",'));
    expect(row).toMatch(new RegExp(`^"kijana-ke","Kijana Kenya","not-yet","Not yet","${notYet}","\\d+","${last.poll.totalVotes}"$`));
    await screenshot(page, 'poll-results', { docs: true });
  });

  it('says "No votes yet" and offers no download for a poll nobody voted in', async () => {
    const response = await fetch(`${cmsUrl()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ site(code: "mama-ng") { polls(placement: ARTICLE) { id totalVotes } } }' }),
    });
    const answer = (await response.json()) as { data?: { site?: { polls: Array<{ id: string; totalVotes: number | null }> } } };
    const unvoted = answer.data?.site?.polls.find((poll) => poll.totalVotes === 0);
    if (!unvoted) throw new Error(`mama-ng has no article poll without votes: ${JSON.stringify(answer)}`);
    await openEdit(page, POLL, unvoted.id.split(':')[0] ?? '', 'en');
    await page.getByText('No votes yet.').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('[data-baobab-poll-csv]').count()).toBe(0);
  });
});
