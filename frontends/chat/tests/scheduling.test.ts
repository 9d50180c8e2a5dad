// An article scheduled a few seconds ahead shows in the USSD menu of its section within 2 s
// of its go-live time, with no edit to set it off: the CMS notifies the gateway at the
// window boundary and the gateway drops its content cache (entries otherwise live 5 minutes).
import crypto from 'node:crypto';
import type { RunningGateway } from '../src/server/start';
import { cmsRest, dial, startNotifiedGateway } from './support/gateway';

let gateway: RunningGateway;
beforeAll(async () => {
  gateway = await startNotifiedGateway();
});
afterAll(async () => {
  await gateway.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The number in front of the first menu line that matches, as a USSD user would key it. */
function choiceFor(screen: string, line: RegExp): string {
  const found = screen.split('\n').find((text) => /^\d+\. /.test(text) && line.test(text));
  if (!found) throw new Error(`no choice matching ${line} on:\n${screen}`);
  return found.slice(0, found.indexOf('.'));
}

/** Dials kijana-ke, picks English and the HIV section, and answers the section's first screen. */
async function hivSectionScreen(): Promise<string> {
  const fields = { sessionId: `ATUid_${crypto.randomUUID()}`, serviceCode: '*384*100#', phoneNumber: `+2547${crypto.randomInt(10_000_000, 99_999_999)}`, networkCode: '63902' };
  const inputs: string[] = [];
  const send = async () => {
    const answer = await dial(gateway.url, { ...fields, text: inputs.join('*') });
    expect(answer.status).toBe(200);
    return answer.body;
  };
  inputs.push(choiceFor(await send(), /English/));
  inputs.push(choiceFor(await send(), /HIV/));
  return send();
}

describe('a scheduled article in the USSD menu', () => {
  it('shows in its section within 2 s of goLiveAt, without another edit', async () => {
    const title = `Sched ${Date.now().toString(36)}`;
    const goLiveAt = Date.now() + 6000;
    const created = await cmsRest('POST', '/articles?locale=en&status=published', {
      data: {
        title,
        slug: `chat-scheduled-${Date.now().toString(36)}`,
        section: 'hiv-and-stis',
        sites: ['kijana-ke'],
        goLiveAt: new Date(goLiveAt).toISOString(),
        body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Goes live by itself.' }] }],
      },
    });
    expect(created.status).toBe(201);

    // Before go-live the gateway reads the section, and keeps it in its cache, without it.
    await sleep(500);
    const before = await hivSectionScreen();
    expect(before).toMatch(/^CON /);
    expect(before).not.toContain(title);
    expect(Date.now()).toBeLessThan(goLiveAt);

    await sleep(goLiveAt - Date.now());
    let seenAfter: number | null = null;
    while (seenAfter === null && Date.now() - goLiveAt < 6000) {
      if ((await hivSectionScreen()).includes(title)) seenAfter = Date.now() - goLiveAt;
      else await sleep(100);
    }
    expect(seenAfter).not.toBeNull();
    expect(seenAfter).toBeLessThan(2000);
  });
});
