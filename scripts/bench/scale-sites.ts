// bench:scale's sites and articles, as data: site n follows from n (code, host, two
// registry locales, a theme, a USSD code), so two runs create the same sites.
import { fallbackChain, locales as registryLocales } from '@baobab/locales';
import registry from '../../baobab.config';
import type { ArticleData, SiteData } from '../cms-rest';


export interface BenchSite {
  readonly code: string;
  readonly host: string;
  readonly defaultLocale: string;
  readonly serviceCode: string;
}

/**
 * Two-locale pairs from the registry: each regional locale with its country's English, or
 * English when the country has none (am-ET + en), so sites exercise the fallback chains.
 */
export function localePairs(): Array<[string, string]> {
  const codes = registryLocales.map((locale) => locale.code);
  return codes
    .filter((code) => code.includes('-'))
    .map((code): [string, string] => {
      const country = code.split('-')[1];
      const english = `en-${country}`;
      return code.startsWith('en-') ? [code, 'en'] : [code, codes.includes(english) ? english : 'en'];
    });
}

export const themes = registry.themes.map((theme) => theme.name);

/**
 * Half the sites default to the regional locale, half to the other, except where the
 * regional chain never reaches English (pt-MZ → pt): the demo content is mostly English, and
 * such a site would answer 404 for it, which is not what this bench measures.
 */
export const defaultOf = (n: number, first: string, second: string) => (n % 2 === 0 && fallbackChain(first).includes('en') ? first : second);

/** Site number `n` of the bench: code, host, locales, theme and USSD code all follow from n. */
export function siteData(n: number, pairs: ReadonlyArray<[string, string]>): SiteData {
  const id = String(n).padStart(4, '0');
  const [first, second] = pairs[n % pairs.length] ?? ['en', 'fr'];
  return {
    code: `scale-${id}`,
    name: `Scale ${id}`,
    hostnames: [`scale-${id}.localhost`],
    defaultLocale: defaultOf(n, first, second),
    locales: [first, second],
    theme: themes[n % themes.length] ?? 'base',
    themeTokens: {},
    plugins: [],
    variables: [{ key: 'helpline', value: `0800 ${id}` }],
    channels: { ussd: { serviceCodes: [`*500*${n}#`] } },
  };
}

export const benchSite = (site: SiteData): BenchSite => ({
  code: site.code,
  host: site.hostnames[0] ?? '',
  defaultLocale: site.defaultLocale,
  serviceCode: `${(site.channels.ussd as { serviceCodes: string[] }).serviceCodes[0]}`,
});

const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

export function article(slug: string, title: string, section: string, sites: readonly string[], allSites = false): ArticleData {
  return { slug, title, lead: `${title}: a short summary for the list.`, body: paragraph(`${title}. Call {{helpline}} for help.`), section, sites, allSites };
}
