import { adminLoginLimit } from '../admin-login';

describe('the admin login limit', () => {
  it("is Strapi's 5 per 5 minutes unless set", () => {
    expect(adminLoginLimit(undefined)).toBe(5);
    expect(adminLoginLimit(' ')).toBe(5);
    expect(adminLoginLimit('200')).toBe(200);
  });

  it('refuses anything but a whole number from 1 to 1000, naming the variable', () => {
    for (const raw of ['0', '-3', '2.5', 'lots', '1001']) expect(() => adminLoginLimit(raw)).toThrow(`BAOBAB_ADMIN_LOGIN_LIMIT is "${raw}"`);
  });
});
