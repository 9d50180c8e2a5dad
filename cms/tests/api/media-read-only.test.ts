// The media disk goes read-only under the running CMS: uploads through the real REST upload
// API are refused with a message a person can act on, while delivery, REST writes and the
// images already uploaded keep working; once the disk is writable, uploads work again.
// The folder is made read-only for real (tests/support/read-only.ts).
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { cmsUrl, createArticle, gqlData, paragraph, rest, uniqueSlug, type Json } from '../support/client';
import { isRoot, makeReadOnly } from '../support/read-only';

const uploadsDir = () => path.join(process.env.BAOBAB_TEST_CMS_DATA_DIR ?? '', 'public', 'uploads');

async function upload(name: string): Promise<{ status: number; body: Json }> {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 30, b: 90 } } }).png().toBuffer();
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(png)], { type: 'image/png' }), name);
  const response = await fetch(`${cmsUrl()}/api/upload`, { method: 'POST', headers: { authorization: `Bearer ${process.env.BAOBAB_TEST_API_TOKEN ?? ''}` }, body: form });
  return { status: response.status, body: await response.json() };
}

const entries = (dir: string) => fs.readdirSync(dir).sort();

it('refuses uploads with a message naming the media folder while it is read-only, and keeps everything else working', async () => {
  const before = await upload('before.png');
  expect(before.status).toBe(201);
  const imageUrl = `${cmsUrl()}${before.body[0].url}`;
  const image = Buffer.from(await (await fetch(imageUrl)).arrayBuffer());
  const filesBefore = (await rest('GET', '/upload/files')).body.length;
  const dir = uploadsDir();
  const listed = entries(dir);

  const undo = makeReadOnly(dir);
  try {
    const refused = await upload('during.png');
    expect(refused.status).toBe(503);
    expect(refused.body.error.details.code).toBe('MEDIA_NOT_WRITABLE');
    expect(refused.body.error.message).toContain(`The media folder ${dir} is not writable`);
    expect(refused.body.error.message).toMatch(isRoot ? /read-only \(EROFS\)/ : /may not write there \(EACCES\)/);
    expect(JSON.stringify(refused.body)).not.toMatch(/\n\s+at /);
    // Without a token: Strapi's own refusal, and the folder is not named.
    const anonymous = await fetch(`${cmsUrl()}/api/upload`, { method: 'POST', body: new FormData() });
    expect([401, 403]).toContain(anonymous.status);
    expect(await anonymous.text()).not.toContain(dir);
    // Nothing half-stored: no file, no media library entry.
    expect(entries(dir)).toEqual(listed);
    expect((await rest('GET', '/upload/files')).body.length).toBe(filesBefore);

    // Everything else: the image already uploaded, REST writes, the delivery API, readiness.
    const served = await fetch(imageUrl);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(image)).toBe(true);
    const slug = uniqueSlug('read-only-media');
    await createArticle({ slug, title: 'Written while media is read-only', sites: ['kijana-ke'], body: [paragraph('x')] });
    const delivered = await gqlData('query($slug: String!) { site(code: "kijana-ke") { article(slug: $slug, locale: "en-KE") { title } } }', { slug });
    expect(delivered.site.article.title).toBe('Written while media is read-only');
    expect((await fetch(`${cmsUrl()}/_ready`)).status).toBe(200);
  } finally {
    undo();
  }

  const after = await upload('after.png');
  expect(after.status).toBe(201);
  expect((await fetch(`${cmsUrl()}${after.body[0].url}`)).status).toBe(200);
});
