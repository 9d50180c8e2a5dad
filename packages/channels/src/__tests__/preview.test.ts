import { segmentSms } from '../gsm';
import { channelPreview, channelPreviews } from '../preview';

const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });
const input = {
  slug: 'sleep',
  title: 'Sleep well',
  lead: 'Why rest matters',
  body: Array.from({ length: 8 }, (_, index) => paragraph(`Paragraph ${index + 1}: a good night of sleep helps you learn, grow and stay healthy every single day.`)),
  locale: 'en',
  overrides: {},
  image: null,
};

describe('channel previews', () => {
  it('renders WhatsApp, SMS, USSD and Telegram with the sizes the gateway would send', () => {
    const previews = channelPreviews(input);
    expect(previews.map((preview) => preview.name)).toEqual(['WhatsApp', 'SMS', 'USSD', 'Telegram']);
    const [whatsapp, sms, ussd] = previews;
    expect(whatsapp?.messages[0]?.text).toContain('Sleep well');
    expect(whatsapp?.summary).toMatch(/^1 message, \d+ characters$/);
    const replies = sms?.messages ?? [];
    expect(replies.length).toBeGreaterThan(1);
    for (const reply of replies) {
      expect(reply.encoding).toBe('GSM-7');
      expect(reply.smsParts).toBe(segmentSms(reply.text).parts.length);
      expect(reply.smsParts).toBeLessThanOrEqual(3);
    }
    expect(sms?.summary).toMatch(/replies, \d+ SMS parts \(GSM-7\)/);
    const screens = ussd?.messages ?? [];
    expect(screens.length).toBeGreaterThan(3);
    for (const screen of screens) expect(screen.characters).toBeLessThanOrEqual(screen.limit ?? 0);
    expect(ussd?.summary).toBe(`${screens.length} USSD screens of at most 160 characters`);
  });

  it("uses the editor's override for its channel only, and reports UCS-2 when it needs it", () => {
    const sms = channelPreview({ ...input, overrides: { sms: 'Lala salama — usingizi ni muhimu 😴' } }, 'sms');
    expect(sms.isOverride).toBe(true);
    expect(sms.messages[0]?.text).toContain('Lala salama');
    expect(sms.messages[0]?.encoding).toBe('UCS-2');
    expect(channelPreview({ ...input, overrides: { sms: 'x' } }, 'telegram').isOverride).toBe(false);
  });
});
