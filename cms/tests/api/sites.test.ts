import { gql, gqlData, rest, uniqueSlug } from '../support/client';

const SITE_FIELDS = 'code name hostnames defaultLocale locales { code name direction } theme { name tokens } plugins';

describe('site lookup', () => {
  it('finds a site by host in any case and with a port', async () => {
    const data = await gqlData(`{ a: site(host: "kijana-ke.localhost") { code } b: site(host: "KIJANA-KE.Localhost:3000") { code } }`);
    expect(data.a.code).toBe('kijana-ke');
    expect(data.b.code).toBe('kijana-ke');
  });

  it('finds a site by code with its locales, theme and default locale', async () => {
    const data = await gqlData(`{ site(code: "amal-eg") { ${SITE_FIELDS} } }`);
    expect(data.site).toMatchObject({ code: 'amal-eg', name: 'Amal Egypt', defaultLocale: 'ar-EG', hostnames: ['amal-eg.localhost'] });
    expect(data.site.locales).toEqual([
      expect.objectContaining({ code: 'ar-EG', direction: 'rtl' }),
      expect.objectContaining({ code: 'en', direction: 'ltr' }),
    ]);
    expect(typeof data.site.theme.tokens).toBe('object');
  });

  it('answers null for an unknown host or code', async () => {
    const data = await gqlData(`{ a: site(host: "nowhere.example") { code } b: site(code: "nowhere") { code } }`);
    expect(data).toEqual({ a: null, b: null });
  });

  it('rejects site() with no argument or with both', async () => {
    for (const query of ['{ site { code } }', '{ site(host: "kijana-ke.localhost", code: "kijana-ke") { code } }']) {
      const result = await gql(query);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('lists the four demo sites', async () => {
    const data = await gqlData('{ sites { code } }');
    const codes = data.sites.map((site: { code: string }) => site.code);
    expect(codes).toEqual(expect.arrayContaining(['amal-eg', 'kijana-ke', 'mama-ng', 'thrive-za']));
  });

  it('gives each site its own helpline variable, locale-specific value first', async () => {
    const data = await gqlData(`{ ke: site(code: "kijana-ke") { variables } egAr: site(code: "amal-eg") { variables(locale: "ar-EG") } egEn: site(code: "amal-eg") { variables(locale: "en") } }`);
    expect(data.ke.variables.helpline).toBeTruthy();
    expect(data.egEn.variables.helpline).not.toBe(data.egAr.variables.helpline);
    expect(data.ke.variables.helpline).not.toBe(data.egAr.variables.helpline);
  });
});

describe('editor validation of sites', () => {
  const base = () => {
    const code = uniqueSlug('valid');
    return { code, name: 'Test site', hostnames: [`${code}.localhost`], defaultLocale: 'en', locales: ['en'] };
  };

  it('refuses a default locale that is not one of the site locales, naming both', async () => {
    const response = await rest('POST', '/sites', { data: { ...base(), defaultLocale: 'sw', locales: ['en-KE', 'sw-KE'] } });
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('ValidationError');
    const problem = response.body.error.details.errors.find((error: { path: string[] }) => error.path[0] === 'defaultLocale');
    expect(problem.message).toContain('"sw"');
    expect(problem.message).toContain('en-KE, sw-KE');
  });

  it('refuses a hostname that belongs to another site', async () => {
    const response = await rest('POST', '/sites', { data: { ...base(), hostnames: ['kijana-ke.localhost'] } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('already belongs to site kijana-ke');
  });

  it('refuses a duplicate site code and a locale outside the registry', async () => {
    const response = await rest('POST', '/sites', { data: { ...base(), code: 'kijana-ke', locales: ['en', 'xx-YY'] } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('Another site already uses the code "kijana-ke"');
    expect(response.body.error.message).toContain('"xx-YY" is not in the locale registry');
  });

  it('refuses a duplicate article slug and an unknown section', async () => {
    const response = await rest('POST', '/articles?locale=en', {
      data: { title: 'Duplicate', slug: 'hiv-testing-basics', allSites: true, section: 'no-such-section' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('Another article already uses the slug "hiv-testing-basics"');
    expect(response.body.error.message).toContain('no section with the slug "no-such-section"');
  });

  it('creates a valid site that delivery serves by its hostname at once', async () => {
    const data = base();
    const response = await rest('POST', '/sites?status=published', { data });
    expect(response.status).toBe(201);
    const served = await gqlData(`{ site(host: "${data.hostnames[0]}") { code defaultLocale } }`);
    expect(served.site).toEqual({ code: data.code, defaultLocale: 'en' });
  });
});
