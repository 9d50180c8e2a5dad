// What a country editor sees in the content manager's lists, and the sentences scoped
// users read where Strapi would answer a bare "Forbidden" (src/roles/reads.ts uses these).
import { countryEditorHides, permissionRefusal, type Actor } from '../rules';

const kenya: Actor = { isCountryEditor: true, isTranslator: false, sites: ['kijana-ke'], siteLocales: ['en-KE', 'sw-KE'], locales: [], sourceLocale: 'en' };
const zulu: Actor = { isCountryEditor: false, isTranslator: true, sites: [], siteLocales: [], locales: ['zu-ZA'], sourceLocale: 'en' };

describe('what a country editor sees', () => {
  it.each([
    ['its own local content', { allSites: false, sites: ['kijana-ke'] }],
    ['content for every site', { allSites: true, sites: [] }],
    ['shared content it carries', { allSites: false, sites: ['kijana-ke', 'mama-ng'] }],
    ['shared content it could include', { allSites: false, sites: ['thrive-za', 'amal-eg'] }],
  ])('sees %s', (_, carriage) => {
    expect(countryEditorHides(kenya, carriage, 'article "x"')).toBeNull();
  });

  it('does not see another country\u2019s local content, and is told whose it is', () => {
    expect(countryEditorHides(kenya, { allSites: false, sites: ['mama-ng'] }, 'article "ng-only"')).toBe(
      'You edit kijana-ke and its languages en-KE, sw-KE; article "ng-only" is not yours: it is local to mama-ng.',
    );
  });

  it('does not see content no site carries yet', () => {
    expect(countryEditorHides(kenya, { allSites: false, sites: [] }, 'page "draft"')).toContain('no site carries it yet');
  });
});

describe('permission refusals in words', () => {
  it('tells a translator that publishing waits for an editor', () => {
    expect(permissionRefusal(zulu, 'publish', 'content')).toContain('Translators do not publish: your translations into zu-ZA wait as drafts');
  });

  it('tells a country editor that sites are created and deleted by global editors', () => {
    expect(permissionRefusal(kenya, 'delete', 'site', 'kijana-ke')).toBe('Country editors cannot delete sites: kijana-ke stays. Ask a global editor.');
    expect(permissionRefusal(kenya, 'create', 'site')).toContain('Only a global editor creates sites');
  });

  it('keeps editor scopes to super admins', () => {
    expect(permissionRefusal(kenya, 'read', 'editor scope')).toContain('Only super admins');
  });

  it('never answers a bare "Forbidden"', () => {
    for (const actor of [kenya, zulu]) {
      for (const verb of ['read', 'create', 'update', 'delete', 'publish', 'unpublish', 'discard the draft of'] as const) {
        for (const kind of ['site', 'editor scope', 'content'] as const) expect(permissionRefusal(actor, verb, kind).length).toBeGreaterThan(30);
      }
    }
  });
});
