// The change channel: the wire format's bounds, merging, which sites a change reaches, one
// application per change however it arrives, and replicas on a real Redis that hear each
// other, skip their own echo, and drop their caches when Redis comes back after an outage.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createClient } from 'redis';
import {
  CHANGE_LIMITS,
  changeOfEverything,
  connectChangeBus,
  createChangeReceiver,
  mergeChanges,
  noticeChange,
  parseChange,
  reachesSite,
  type ChangeBus,
  type ContentChange,
} from '../changes';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const change = (fields: Partial<ContentChange> = {}): ContentChange => ({ ...changeOfEverything('cms-a', 'a test'), sites: ['kijana-ke'], tags: ['doc:abc', 'list:kijana-ke@en'], ...fields });

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('content changes on the wire', () => {
  it('reads a well-formed change and refuses anything else', () => {
    const good = change();
    expect(parseChange(JSON.stringify(good))).toEqual(good);
    expect(parseChange('not json')).toBeNull();
    expect(parseChange(JSON.stringify({ ...good, sites: 'some' }))).toBeNull();
    expect(parseChange(JSON.stringify({ ...good, tags: ['x'.repeat(CHANGE_LIMITS.itemLength + 1)] }))).toBeNull();
    expect(parseChange(JSON.stringify({ ...good, reason: 'x'.repeat(CHANGE_LIMITS.bytes) }))).toBeNull();
    // An empty notice (an older CMS) means everything; a body that is not a change is refused.
    expect(noticeChange(Buffer.alloc(0))).toMatchObject({ sites: 'all', tags: 'all' });
    expect(noticeChange(Buffer.from('{"sites":"all"}'))).toBeNull();
  });

  it('merges a burst into one change, everything absorbing the rest', () => {
    const merged = mergeChanges('cms-a', [change({ at: 20 }), change({ at: 10, sites: ['thrive-za'], tags: ['doc:def'] })]);
    expect(merged).toMatchObject({ at: 10, sites: ['kijana-ke', 'thrive-za'], tags: ['doc:abc', 'list:kijana-ke@en', 'doc:def'] });
    expect(mergeChanges('cms-a', [change(), change({ sites: 'all' })]).sites).toBe('all');
  });

  it('reaches the sites it names, and pages of no site only when sites change', () => {
    expect(reachesSite(change(), 'kijana-ke')).toBe(true);
    expect(reachesSite(change(), 'thrive-za')).toBe(false);
    expect(reachesSite(change(), null)).toBe(false);
    expect(reachesSite(change({ sites: ['zm-demo'], tags: ['sites', 'site:zm-demo'] }), null)).toBe(true);
    expect(reachesSite(change({ sites: 'all' }), 'thrive-za')).toBe(true);
  });

  it('applies a change once however many ways it arrives, and counts it', () => {
    const applied: string[] = [];
    const counted: string[] = [];
    const receiver = createChangeReceiver({
      cache: 'page',
      apply: (received, via) => applied.push(`${received.id}:${via}`),
      metrics: { cacheInvalidations: { inc: ({ cache }) => counted.push(cache) }, invalidationLag: { observe: ({ via }) => counted.push(via) } },
    });
    const one = change();
    receiver.receive(one, 'notice');
    receiver.receive(one, 'redis');
    expect(applied).toEqual([`${one.id}:notice`]);
    expect(counted).toEqual(['page', 'notice']);
  });
});

describe('the change channel on Redis', () => {
  const buses: ChangeBus[] = [];
  beforeAll(() => {
    execFileSync('bash', [path.resolve(__dirname, '../../../../scripts/ensure-redis.sh')], { stdio: 'inherit' });
  });
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });

  async function replica(origin: string) {
    const heard: ContentChange[] = [];
    const resyncs: string[] = [];
    const logs: string[] = [];
    const bus = await connectChangeBus({ url: REDIS_URL, origin, onChange: (received) => heard.push(received), onResync: () => resyncs.push('resync'), log: (message) => logs.push(message) });
    buses.push(bus);
    return { bus, heard, resyncs, logs };
  }

  it('tells every other replica, never echoes to the one that made the change', async () => {
    const a = await replica('cms-a');
    const b = await replica('mobi-b');
    const made = change({ origin: 'cms-a' });
    await a.bus.publish(made);
    await until(() => b.heard.length === 1, 'replica b to hear the change');
    expect(b.heard[0]).toEqual(made);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(a.heard).toEqual([]);
    expect(a.bus.isConnected() && b.bus.isConnected()).toBe(true);
  });

  it('drops caches when Redis answers again after the connection was lost, and hears changes after', async () => {
    const a = await replica('cms-a');
    const b = await replica('chat-b');
    // Cut both replicas' subscriber connections (only theirs: Redis is shared), as a Redis restart would.
    const admin = createClient({ url: REDIS_URL });
    await admin.connect();
    try {
      const list = String(await admin.sendCommand(['CLIENT', 'LIST', 'TYPE', 'pubsub']));
      const ids = [...list.matchAll(/^id=(\d+) .*name=baobab-(?:cms-a|chat-b)-subscribe /gm)].map((match) => match[1] ?? '');
      expect(ids).toHaveLength(2);
      for (const id of ids) await admin.sendCommand(['CLIENT', 'KILL', 'ID', id]);
    } finally {
      await admin.close();
    }
    await until(() => a.resyncs.length === 1 && b.resyncs.length === 1, 'both replicas to resync after reconnecting');
    await until(() => a.bus.isConnected() && b.bus.isConnected(), 'both to be connected again');
    const made = change({ origin: 'cms-a' });
    await a.bus.publish(made);
    await until(() => b.heard.some((received) => received.id === made.id), 'a change after the outage');
  });

  it('stops start-up with a message naming REDIS_URL when Redis cannot be reached', async () => {
    await expect(connectChangeBus({ url: 'redis://127.0.0.1:1', origin: 'x', onChange: () => undefined, onResync: () => undefined, log: () => undefined })).rejects.toThrow(
      /^REDIS_URL redis:\/\/127\.0\.0\.1:1: cannot connect .*; start Redis or unset REDIS_URL/,
    );
  });
});
