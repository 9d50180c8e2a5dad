// A front end's readiness against the CMS: not ready before the CMS has answered once; after
// that, ready through an outage (it serves its caches) and saying so; ready again plainly.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCmsReadiness } from '../delivery';

async function fakeCms(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data: { __typename: 'Query' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('front-end readiness against the CMS', () => {
  it('is not ready before the CMS has ever answered', async () => {
    const cms = await fakeCms();
    await cms.close();
    const state = await createCmsReadiness(cms.url, 500)();
    expect(state).toMatchObject({ ready: false });
    expect(state.ready === false && state.reason).toMatch(/^the CMS at http:\/\/127\.0\.0\.1:\d+ is not reachable/);
  });

  it('stays ready through an outage once the CMS has answered, saying it serves cached content', async () => {
    const cms = await fakeCms();
    const readiness = createCmsReadiness(cms.url, 500);
    expect(await readiness()).toEqual({ ready: true });
    await cms.close();
    const state = await readiness();
    expect(state.ready).toBe(true);
    expect(state.ready && state.degraded).toMatch(/not reachable: .*; serving cached content$/);
  });
});
