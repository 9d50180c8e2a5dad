// How many admin logins Strapi allows per 5 minutes for one e-mail from one address
// (its default is 5). BAOBAB_ADMIN_LOGIN_LIMIT raises it where many logins are expected,
// like the admin browser tests; a value that is not a whole number from 1 to 1000 stops
// start-up naming the variable.
export const DEFAULT_ADMIN_LOGIN_LIMIT = 5;

export function adminLoginLimit(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_ADMIN_LOGIN_LIMIT;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 1000) {
    throw new Error(`BAOBAB_ADMIN_LOGIN_LIMIT is "${raw}"; use a whole number of logins per 5 minutes from 1 to 1000 (default ${DEFAULT_ADMIN_LOGIN_LIMIT}).`);
  }
  return value;
}
