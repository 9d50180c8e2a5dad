import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { CmsError, createDelivery, createWriteDelivery } from '../delivery';

let server: http.Server;
let url = '';
let answer: { status: number; body: unknown } = { status: 200, body: {} };
let seen: { authorization?: string; body: string } = { body: '' };
let silent = false;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen = { authorization: req.headers.authorization, body };
      if (silent) return;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const ask = () => createDelivery(url)(z.object({ site: z.null() }), '{ site(code: "x") { code } }', {});

describe('createDelivery', () => {
  it('returns validated data', async () => {
    answer = { status: 200, body: { data: { site: null } } };
    await expect(ask()).resolves.toEqual({ site: null });
  });

  it('keeps the API error codes, and tells a refused argument from a failing CMS', async () => {
    answer = { status: 200, body: { data: { site: null }, errors: [{ message: 'after "!!!!" is not a cursor', extensions: { code: 'BAD_USER_INPUT' } }] } };
    const refused = await ask().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CmsError);
    expect(refused).toMatchObject({ code: 'CMS_ERROR', apiCodes: ['BAD_USER_INPUT'], isRefusedInput: true });

    answer = { status: 500, body: { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } };
    expect(await ask().catch((error: unknown) => error)).toMatchObject({ code: 'CMS_ERROR', isRefusedInput: false });
  });

  it('reports an unreachable CMS', async () => {
    const error = await createDelivery('http://127.0.0.1:1')(z.unknown(), '{ sites { code } }', {}).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'CMS_UNREACHABLE', isRefusedInput: false });
  });
});

describe('createWriteDelivery', () => {
  it('sends the write secret and the variables, and returns GraphQL errors with their codes', async () => {
    answer = { status: 200, body: { data: null, errors: [{ message: 'This poll is closed.', extensions: { code: 'POLL_CLOSED' } }] } };
    const result = await createWriteDelivery(url, 'the-write-secret')('mutation($a: ID!) { vote(poll: $a) { counted } }', { a: 'p' });
    expect(seen.authorization).toBe('Bearer the-write-secret');
    expect(JSON.parse(seen.body)).toEqual({ query: 'mutation($a: ID!) { vote(poll: $a) { counted } }', variables: { a: 'p' } });
    expect(result).toEqual({ data: null, errors: [{ message: 'This poll is closed.', code: 'POLL_CLOSED' }] });
  });

  it('gives up on a CMS that does not answer in time, and on an answer that is not GraphQL', async () => {
    silent = true;
    try {
      const started = Date.now();
      await expect(createWriteDelivery(url, 's', 200)('{ sites { code } }', {})).rejects.toMatchObject({ code: 'CMS_UNREACHABLE' });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      silent = false;
    }
    answer = { status: 502, body: 'Bad gateway' };
    await expect(createWriteDelivery(url, 's')('{ sites { code } }', {})).rejects.toMatchObject({ code: 'CMS_ERROR' });
  });
});
