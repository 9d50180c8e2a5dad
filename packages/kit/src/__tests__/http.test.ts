import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody, type BodyLimits } from '../http';

const limits: BodyLimits = { maxBytes: 1024, discardBytes: 4 * 1024 * 1024, discardMs: 2000 };

let server: http.Server;
let port = 0;

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    const result = await readBody(req, limits);
    if (result.ok) {
      res.end(`got ${result.body.length}`);
      return;
    }
    res.writeHead(result.reason === 'too-large' ? 413 : 400, result.drained ? {} : { connection: 'close' });
    res.end(result.reason);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function post(body: Buffer, chunked = false): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': body.length };
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    if (chunked) {
      for (let offset = 0; offset < body.length; offset += 64 * 1024) req.write(body.subarray(offset, offset + 64 * 1024));
      req.end();
    } else req.end(body);
  });
}

describe('readBody', () => {
  it('returns a body within the limit', async () => {
    expect(await post(Buffer.alloc(1024, 'a'))).toEqual({ status: 200, text: 'got 1024' });
  });

  it('answers a declared 3 MB body with a 413 the client reads, not a reset', async () => {
    expect(await post(Buffer.alloc(3 * 1024 * 1024, 'a'))).toEqual({ status: 413, text: 'too-large' });
  });

  it('counts a chunked body that grows past the limit', async () => {
    expect(await post(Buffer.alloc(2 * 1024 * 1024, 'a'), true)).toEqual({ status: 413, text: 'too-large' });
  });
});
