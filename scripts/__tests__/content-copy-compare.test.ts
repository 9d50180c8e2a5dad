import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { SiteData } from '../cms-rest';
import { isSamePicture } from '../content-copy-media';
import { siteDifferences } from '../content-copy-sites';

const site: SiteData = {
  code: 'kijana-ke',
  name: 'Kijana Kenya',
  hostnames: ['kijana-ke.staging.example.org'],
  defaultLocale: 'en-KE',
  locales: ['en-KE', 'sw-KE'],
  theme: 'sunrise',
  themeTokens: { colors: { primary: '#B4531A', text: '#111111' } },
  plugins: ['polls'],
  variables: [
    { key: 'helpline', value: '1190' },
    { key: 'clinicFinder', value: 'text CLINIC to 21393' },
  ],
  channels: { sms: { shortCode: '21393' } },
};

describe('content:copy site comparison', () => {
  it('finds no difference when only order, hostnames or chat channels differ', () => {
    const production: SiteData = {
      ...site,
      hostnames: ['kijana.example.org'],
      locales: ['sw-KE', 'en-KE'],
      themeTokens: { colors: { text: '#111111', primary: '#B4531A' } },
      variables: [...site.variables].reverse(),
      channels: { sms: { shortCode: '40404' } },
    };
    expect(siteDifferences(site, production)).toEqual([]);
  });

  it('names each field that differs', () => {
    const changed: SiteData = { ...site, name: 'Kijana', locales: ['en-KE'], themeTokens: {}, variables: [{ key: 'helpline', value: '116' }] };
    expect(siteDifferences(site, changed)).toEqual(['name', 'locales', 'themeTokens', 'variables']);
  });
});

describe('content:copy picture matching', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copy-compare-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const picture = async (name: string, make: () => Promise<Buffer>) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, await make());
    return file;
  };
  const circles = (hue: string) =>
    sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="240" height="135"><rect width="100%" height="100%" fill="#eee"/><circle cx="60" cy="60" r="40" fill="${hue}"/><circle cx="170" cy="80" r="30" fill="#333"/></svg>`));

  it('takes a JPEG re-encoded at quality 80 (what Strapi does on upload) for the same picture, and another picture for another', async () => {
    const original = await picture('original.jpg', () => circles('#c0392b').jpeg({ quality: 78, mozjpeg: true }).toBuffer());
    const reencoded = await picture('reencoded.jpg', () => sharp(original).jpeg({ quality: 80 }).toBuffer());
    const recoloured = await picture('recoloured.jpg', () => circles('#2980b9').jpeg({ quality: 78, mozjpeg: true }).toBuffer());
    const smaller = await picture('smaller.jpg', () => sharp(original).resize(120).jpeg().toBuffer());
    expect(fs.readFileSync(original).equals(fs.readFileSync(reencoded))).toBe(false);
    expect(await isSamePicture(original, reencoded)).toBe(true);
    expect(await isSamePicture(original, recoloured)).toBe(false);
    expect(await isSamePicture(original, smaller)).toBe(false);
  });

  it('never takes a file sharp cannot read for a picture', async () => {
    const text = await picture('notes.txt', async () => Buffer.from('not an image'));
    expect(await isSamePicture(text, text)).toBe(false);
  });
});
