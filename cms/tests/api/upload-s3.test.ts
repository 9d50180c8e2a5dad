// Uploads into an S3-compatible bucket (UPLOAD_PROVIDER=s3): a CMS of its own, started with
// the S3 settings, sends an uploaded image and its thumbnail to a stand-in for the bucket's
// service on loopback (S3 is across the internet: the one place a fake is allowed), and the
// file's URL points there. A bad S3 setting stops start-up naming the variable.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startCms, type RunningCms } from '@baobab/testkit';
import sharp from 'sharp';

interface Put {
  readonly path: string;
  readonly bytes: number;
  readonly contentType: string;
  readonly authorization: string;
}

/** Answers S3's PutObject and DeleteObject as a path-style service does; records each PUT. */
function startFakeS3(): Promise<{ url: string; puts: Put[]; close: () => Promise<void> }> {
  const puts: Put[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'PUT') {
        // The SDK may send the body aws-chunked (with a trailing checksum): the decoded length is in a header.
        const decoded = req.headers['x-amz-decoded-content-length'];
        puts.push({
          path: (req.url ?? '').split('?')[0] ?? '',
          bytes: typeof decoded === 'string' ? Number(decoded) : Buffer.concat(chunks).length,
          contentType: String(req.headers['content-type'] ?? ''),
          authorization: String(req.headers.authorization ?? ''),
        });
        res.writeHead(200, { ETag: '"0123456789abcdef"' });
        return res.end();
      }
      res.writeHead(req.method === 'DELETE' ? 204 : 404);
      res.end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, puts, close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }) });
    }),
  );
}

const s3Env = (endpoint: string) => ({
  // A CMS of its own on its own SQLite file: on the suite's PostgreSQL database it would take over
  // the shared test CMS's development credentials (admin password, API token).
  DATABASE_URL: undefined,
  BAOBAB_SEED: 'false',
  UPLOAD_PROVIDER: 's3',
  S3_BUCKET: 'baobab-media',
  S3_REGION: 'us-east-1',
  S3_ENDPOINT: endpoint,
  S3_FORCE_PATH_STYLE: 'true',
  S3_ACCESS_KEY_ID: 'BAOBABTESTKEY01',
  S3_SECRET_ACCESS_KEY: 'baobab-test-secret-key-0123456789',
  S3_ACL: 'none',
});

describe('uploads in an S3-compatible bucket', () => {
  let s3: Awaited<ReturnType<typeof startFakeS3>>;
  let cms: RunningCms;

  beforeAll(async () => {
    s3 = await startFakeS3();
    cms = await startCms({ env: s3Env(s3.url) });
  }, 240_000);

  afterAll(async () => {
    await cms?.stop();
    await s3?.close();
  });

  test('an uploaded image and its thumbnail go to the bucket, signed, and the URL points there; nothing lands on disk', async () => {
    const image = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 200, g: 120, b: 40 } } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append('files', new Blob([image], { type: 'image/png' }), 'sunrise.png');
    const response = await fetch(`${cms.url}/api/upload`, { method: 'POST', headers: { authorization: `Bearer ${cms.apiToken}` }, body: form });
    const body = (await response.json()) as { url: string; size: number; width: number; formats?: Record<string, { url: string }> }[];
    expect(response.status).toBe(201);
    const file = body[0];
    expect(file?.width).toBe(400);
    expect(file?.url).toMatch(new RegExp(`^${s3.url}/baobab-media/sunrise_[a-z0-9]+\\.png$`));
    const original = s3.puts.find((put) => file !== undefined && file.url.endsWith(put.path));
    // Strapi re-encodes the original (size optimisation) and reports its size in kB: the bucket got those bytes.
    expect(original?.contentType).toBe('image/png');
    expect(Math.abs((original?.bytes ?? 0) / 1000 - (file?.size ?? -1))).toBeLessThan(0.01);
    // SigV4 with the configured key, for the configured region and the S3 service.
    expect(original?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=BAOBABTESTKEY01\/\d{8}\/us-east-1\/s3\/aws4_request/);
    expect(file?.formats?.thumbnail?.url).toMatch(new RegExp(`^${s3.url}/baobab-media/thumbnail_sunrise_[a-z0-9]+\\.png$`));
    expect(s3.puts.every((put) => put.path.startsWith('/baobab-media/'))).toBe(true);
    expect(fs.readdirSync(path.join(cms.dataDir, 'public', 'uploads'))).toEqual([]);
  });
});

test('a bad S3 setting stops start-up, naming the variable, without a stack trace', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baobab-s3-env-'));
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../../scripts/serve.ts')], {
    env: { ...process.env, DATABASE_URL: undefined, BAOBAB_DATA_DIR: dataDir, PORT: '0', METRICS_PORT: 'off', UPLOAD_PROVIDER: 's3', S3_REGION: 'eu-west-1', S3_SECRET_ACCESS_KEY: 'only-half-of-the-keys' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
  expect(code).toBe(1);
  expect(output).toContain('CMS failed to start [CMS_CONFIG_INVALID]: S3_BUCKET: required when UPLOAD_PROVIDER=s3');
  expect(output).toContain('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: set both');
  expect(output).not.toContain('only-half-of-the-keys');
  expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
});
