import http from 'node:http';
import { changeOfEverything, parseChange } from '@baobab/kit/changes';
import { createNotifier } from '../notify';

describe('front-end notices', () => {
  it('posts the change with the secret, and warns once a minute about a front end that is down', async () => {
    const received: Array<{ secret: string; body: string }> = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ secret: String(req.headers['x-baobab-secret']), body });
        res.writeHead(204);
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const warnings: string[] = [];
    const notifier = createNotifier({ urls: [`http://127.0.0.1:${port}/_baobab/invalidate`], secret: 's'.repeat(16) }, (m) => warnings.push(m));
    const change = { ...changeOfEverything('cms-test', 'a test'), sites: ['kijana-ke'], tags: ['doc:abc'] };
    await notifier.send(change);
    expect(received).toHaveLength(1);
    expect(received[0]?.secret).toBe('s'.repeat(16));
    expect(parseChange(received[0]?.body ?? '')).toEqual(change);
    await new Promise((resolve) => server.close(resolve));
    await notifier.send(change);
    await notifier.send(change);
    expect(warnings).toHaveLength(1);
  });
});
