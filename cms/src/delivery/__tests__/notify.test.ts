import http from 'node:http';
import { createNotifier } from '../notify';

describe('front-end notices', () => {
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
