// `npm run check:locales`: every locale a demo site serves must find every UI string,
// in itself or along its registry fallback chain. Exits 1 naming what is missing.
import { getLocale } from '@baobab/locales';
import { missingUiKeys } from '@baobab/locales/ui-strings';
import { loadDemoContent } from '../cms/src/seed/load';

const NAMESPACES = ['common', 'chat'];
const demoContent = loadDemoContent();
const problems: string[] = [];
for (const site of demoContent.sites) {
  for (const locale of site.locales) {
    if (!getLocale(locale)) problems.push(`${site.code}: locale ${locale} is not in locales/registry.json`);
    for (const namespace of NAMESPACES) {
      const missing = missingUiKeys(locale, namespace);
      if (missing.length > 0) problems.push(`${site.code} ${locale} ${namespace}: missing ${missing.join(', ')}`);
    }
  }
}
if (problems.length > 0) {
  console.error(`UI strings incomplete:\n  ${problems.join('\n  ')}\nAdd them to locales/<code>/<namespace>.json for the locale or a locale on its fallback chain.`);
  process.exit(1);
}
console.log(`UI strings complete for ${demoContent.sites.flatMap((site) => site.locales).length} site locales.`);
