// `npm run site:new -- --code zm-demo --name "Kijana Zambia" --host kijana-zm.localhost
//   --locales en --theme sunrise`: launches a country site as data. Validates every flag,
// creates and publishes the site through the CMS REST API, then waits until the mobi-site
// serves it. --dry-run shows what would be created and changes nothing.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isHostname, isSlug } from '@baobab/kit';
import { isKnownLocale } from '@baobab/locales';
import { z } from 'zod';
import registry from '../baobab.config';
import { apiTokenFor, CmsRefusedError, publishSite, waitUntilServed } from './cms-rest';

const root = path.resolve(__dirname, '..');
const themes = registry.themes.map((theme) => theme.name);
const plugins = registry.plugins.map((plugin) => plugin.name);

const USAGE = `Usage: npm run site:new -- --code <code> --name <name> --host <hostname> --locales <a,b> [--default-locale <a>]
  [--theme ${themes.join('|')}] [--plugins <a,b>] [--helpline <number>] [--cms <url>] [--mobi <url>] [--dry-run]
The API token comes from BAOBAB_API_TOKEN or data/dev-credentials.env.`;

function fail(message: string): never {
  console.error(`site:new: ${message}\n\n${USAGE}`);
  process.exit(2);
}

const flagsSchema = z
  .object({
    code: z.string({ error: '--code is required' }).refine(isSlug, '--code must be lowercase letters, digits and single hyphens, like "kijana-zm"').max(63),
    name: z.string({ error: '--name is required' }).trim().min(1, '--name must not be empty').max(120),
    host: z.array(z.string(), { error: '--host is required' }).min(1, '--host is required'),
    locales: z.string({ error: '--locales is required, like "en" or "en-ZM,bem-ZM"' }),
    'default-locale': z.string().optional(),
    theme: z.string().default(registry.defaultTheme.name),
    plugins: z.string().default(''),
    helpline: z.string().optional(),
    cms: z.url({ error: '--cms must be a URL like http://127.0.0.1:1337' }).default('http://127.0.0.1:1337'),
    mobi: z.url({ error: '--mobi must be a URL like http://127.0.0.1:3000' }).default('http://127.0.0.1:3000'),
    'dry-run': z.boolean().default(false),
  })
  .transform((flags, ctx) => {
    const locales = flags.locales.split(',').map((code) => code.trim()).filter(Boolean);
    for (const code of locales) if (!isKnownLocale(code)) ctx.addIssue({ code: 'custom', message: `--locales: "${code}" is not in locales/registry.json` });
    const defaultLocale = flags['default-locale'] ?? locales[0] ?? '';
    if (!locales.includes(defaultLocale)) ctx.addIssue({ code: 'custom', message: `--default-locale "${defaultLocale}" must be one of --locales [${locales.join(', ')}]` });
    if (!themes.includes(flags.theme)) ctx.addIssue({ code: 'custom', message: `--theme "${flags.theme}" is not an installed theme (baobab.config.ts); use one of: ${themes.join(', ')}` });
    const enabled = flags.plugins.split(',').map((name) => name.trim()).filter(Boolean);
    for (const name of enabled) {
      if (!plugins.includes(name)) ctx.addIssue({ code: 'custom', message: `--plugins: "${name}" is not an installed plugin (baobab.config.ts); installed: ${plugins.join(', ') || 'none'}` });
    }
    const hostnames = flags.host.map((host) => host.trim().toLowerCase());
    for (const host of hostnames) if (!isHostname(host)) ctx.addIssue({ code: 'custom', message: `--host "${host}" is not a hostname (no scheme, port or path), like "kijana-zm.localhost"` });
    return { ...flags, locales, defaultLocale, hostnames, plugins: enabled };
  });

function parseFlags() {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      options: {
        code: { type: 'string' },
        name: { type: 'string' },
        host: { type: 'string', multiple: true },
        locales: { type: 'string' },
        'default-locale': { type: 'string' },
        theme: { type: 'string' },
        plugins: { type: 'string' },
        helpline: { type: 'string' },
        cms: { type: 'string' },
        mobi: { type: 'string' },
        'dry-run': { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const parsed = flagsSchema.safeParse(values);
  if (!parsed.success) fail(parsed.error.issues.map((issue) => issue.message).join('\n  '));
  return parsed.data;
}

function apiToken(): string {
  const dataDir = process.env.BAOBAB_DATA_DIR ?? path.join(root, 'data');
  const token = apiTokenFor(dataDir);
  if (token === null) fail(`no API token: set BAOBAB_API_TOKEN, or start the CMS once in development so ${path.relative(root, path.join(dataDir, 'dev-credentials.env'))} exists`);
  return token;
}

async function main() {
  const flags = parseFlags();
  const site = {
    code: flags.code,
    name: flags.name,
    hostnames: flags.hostnames,
    defaultLocale: flags.defaultLocale,
    locales: flags.locales,
    theme: flags.theme,
    themeTokens: {},
    plugins: flags.plugins,
    variables: flags.helpline ? [{ key: 'helpline', value: flags.helpline }] : [],
    channels: {},
  };
  if (flags['dry-run']) {
    console.log(`Would create and publish this site at ${flags.cms}:\n${JSON.stringify(site, null, 2)}`);
    return;
  }
  const started = Date.now();
  try {
    await publishSite({ url: flags.cms, token: apiToken() }, site);
  } catch (error) {
    if (error instanceof CmsRefusedError) fail(`the CMS refused the site (${error.status}): ${error.message}`);
    fail(`the CMS at ${flags.cms} did not answer (${error instanceof Error ? error.message : String(error)}); is it running (npm start)?`);
  }
  const host = flags.hostnames[0] ?? '';
  if (await waitUntilServed(flags.mobi, host, started + 10_000)) {
    console.log(`Site ${flags.code} is live: http://${host}${new URL(flags.mobi).port ? `:${new URL(flags.mobi).port}` : ''}/ (served ${Date.now() - started} ms after the command began)`);
    return;
  }
  console.log(`Site ${flags.code} was created, but ${flags.mobi} did not serve ${host} within 10 s; is the mobi-site running?`);
  process.exit(1);
}

void main();
