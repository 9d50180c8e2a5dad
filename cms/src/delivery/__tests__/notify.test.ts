import http from 'node:http';
import { createNotifier, notifyTargets } from '../notify';

describe('front-end notices', () => {
  it('refuses a bad URL or a short secret, naming the variable', () => {
    expect(() => notifyTargets({ BAOBAB_NOTIFY_URLS: 'ftp://x', BAOBAB_NOTIFY_SECRET: 'x'.repeat(20) })).toThrow(/BAOBAB_NOTIFY_URLS entry "ftp:\/\/x"/);
    expect(() => notifyTargets({ BAOBAB_NOTIFY_URLS: 'http://127.0.0.1:1/x', BAOBAB_NOTIFY_SECRET: 'short' })).toThrow(/BAOBAB_NOTIFY_SECRET/);
    expect(notifyTargets({})).toBeNull();
  });

  it('posts the secret now, and coalesces scheduled notices into one', async () => {
    const received: string[] = [];
    const server = http.createServer((req, res) => {
      received.push(String(req.headers['x-baobab-secret']));
      res.writeHead(204);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const warnings: string[] = [];
    const notifier = createNotifier({ urls: [`http://127.0.0.1:${port}/_baobab/invalidate`], secret: 's'.repeat(16) }, (m) => warnings.push(m), 20);
    await notifier.now();
    expect(received).toEqual(['s'.repeat(16)]);
    notifier.schedule();
    notifier.schedule();
    notifier.schedule();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(received).toHaveLength(2);
    await new Promise((resolve) => server.close(resolve));
    await notifier.now();
    await notifier.now();
    expect(warnings).toHaveLength(1);
  });
});
