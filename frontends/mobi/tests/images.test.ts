import http from 'node:http';
import sharp from 'sharp';
import { page } from './support/http';

function fetchImage(path: string, accept: string): Promise<{ status: number; type: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${process.env.BAOBAB_TEST_MOBI_URL}${path}`, { headers: { accept } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

async function articleImage(): Promise<string> {
  const article = await page('kijana-ke.localhost', '/articles/hiv-testing-basics');
  const src = /<img [^>]*src="([^"]+)"/.exec(article.html)?.[1];
  if (!src) throw new Error('the article page has no image');
  return src;
}

describe('image route', () => {
  it('puts sized, lazy images with alt text in the page, through the image route', async () => {
    const article = await page('kijana-ke.localhost', '/articles/hiv-testing-basics');
    const img = /<img [^>]*>/.exec(article.html)?.[0] ?? '';
    expect(img).toMatch(/src="\/_img\/320\/uploads\//);
    expect(img).toMatch(/width="320"/);
    expect(img).toMatch(/height="\d+"/);
    expect(img).toMatch(/alt="[^"]+"/);
    expect(img).toMatch(/loading="lazy"/);
  });

  it('serves WebP to browsers that accept it and JPEG to the rest, at the asked width, 320 px within 30 KB', async () => {
    const src = await articleImage();
    const webp = await fetchImage(src, 'image/webp,image/*');
    expect(webp.status).toBe(200);
    expect(webp.type).toBe('image/webp');
    expect((await sharp(webp.body).metadata()).width).toBe(320);
    expect(webp.body.length).toBeLessThanOrEqual(30 * 1024);
    const jpeg = await fetchImage(src.replace('/320/', '/640/'), 'image/*');
    expect(jpeg.type).toBe('image/jpeg');
    expect((await sharp(jpeg.body).metadata()).width).toBe(640);
    const again = await fetchImage(src, 'image/webp');
    expect(again.body.equals(webp.body)).toBe(true);
  });

  it('answers a bad width with 400 and an unknown or unsafe image with 404', async () => {
    const src = await articleImage();
    expect((await fetchImage(src.replace('/320/', '/333/'), 'image/*')).status).toBe(400);
    expect((await fetchImage('/_img/320/uploads/no-such-image.jpg', 'image/*')).status).toBe(404);
    expect((await fetchImage('/_img/320/uploads/..%2F..%2Fetc%2Fpasswd', 'image/*')).status).toBe(404);
    expect((await fetchImage('/_img/320/../../package.json', 'image/*')).status).toBe(404);
    expect((await page('kijana-ke.localhost', '/')).status).toBe(200);
  });
});
