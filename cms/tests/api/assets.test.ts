// What a browser asks the CMS for on every admin page: its icon answers, never a 500.
import { cmsUrl } from '../support/client';

describe('the CMS favicon', () => {
  it('is Baobab’s PNG', async () => {
    const response = await fetch(`${cmsUrl()}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('image/');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
