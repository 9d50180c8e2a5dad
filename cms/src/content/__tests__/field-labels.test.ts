import fs from 'node:fs';
import path from 'node:path';
import { fieldLabel, type LabelledSchema } from '../field-labels';

const read = (file: string): LabelledSchema => JSON.parse(fs.readFileSync(path.resolve(__dirname, '../..', file), 'utf8'));
const article = read('api/article/content-types/article/schema.json');
const site = read('api/site/content-types/site/schema.json');
const components = (uid: string) => (uid === 'content.channel-override' ? read('components/content/channel-override.json') : undefined);

describe('fieldLabel', () => {
  it('names a field by the label the edit view shows', () => {
    expect(fieldLabel('hostnames', site, components, {})).toBe('Web addresses');
    expect(fieldLabel('expireAt', article, components, {})).toBe('Expires at');
  });

  it('names an entry of a repeatable component by its number and channel, then its field', () => {
    const data = { channelOverrides: [{ channel: 'sms', text: 'x' }, { channel: 'whatsapp', text: 'y' }] };
    expect(fieldLabel('channelOverrides[1].text', article, components, data)).toBe('Channel overrides 2 (WhatsApp) › Text');
    expect(fieldLabel('channelOverrides[0].channel', article, components, { channelOverrides: [{ channel: 'fax' }] })).toBe('Channel overrides 1 › Channel');
  });

  it('follows the keys inside a JSON field as written, counting list items from 1', () => {
    expect(fieldLabel('themeTokens.colors.primary', site, components, {})).toBe('Theme overrides › colors › primary');
    expect(fieldLabel('channels.ussd.serviceCodes[0]', site, components, {})).toBe('Chat channels › ussd › serviceCodes › item 1');
  });

  it('spells out a field the schema does not label', () => {
    expect(fieldLabel('searchSecret', article, components, {})).toBe('searchSecret');
    expect(fieldLabel('allSites', { attributes: { allSites: { type: 'boolean' } } }, components, {})).toBe('All sites');
  });
});
