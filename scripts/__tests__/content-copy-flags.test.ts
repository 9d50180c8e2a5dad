import { CopyFlagsError, parseCmsUrl, parseCopyFlags } from '../content-copy-flags';

const tokens = { BAOBAB_FROM_TOKEN: 'a'.repeat(256), BAOBAB_TO_TOKEN: 'b'.repeat(256) };
const both = ['--from', 'https://cms.staging.example.org', '--to', 'http://127.0.0.1:1337'];

const refusal = (args: string[], env: Record<string, string | undefined> = tokens) => {
  try {
    parseCopyFlags(args, env);
  } catch (error) {
    if (error instanceof CopyFlagsError) return error.message;
    throw error;
  }
  throw new Error(`accepted ${args.join(' ')}`);
};

describe('content:copy flags', () => {
  it('reads the two CMSs as origins, the tokens from the environment, and no filters by default', () => {
    expect(parseCopyFlags(both, tokens)).toEqual({
      from: 'https://cms.staging.example.org',
      to: 'http://127.0.0.1:1337',
      fromToken: tokens.BAOBAB_FROM_TOKEN,
      toToken: tokens.BAOBAB_TO_TOKEN,
      site: null,
      locale: null,
      type: null,
      isDryRun: false,
    });
  });

  it('takes the filters, --dry-run and a trailing slash', () => {
    const flags = parseCopyFlags(['--from=https://cms.staging.example.org/', '--to', 'https://cms.example.org:8443', '--site', 'kijana-ke', '--locale', 'sw-KE', '--type', 'article', '--dry-run'], tokens);
    expect(flags).toMatchObject({ from: 'https://cms.staging.example.org', to: 'https://cms.example.org:8443', site: 'kijana-ke', locale: 'sw-KE', type: 'article', isDryRun: true });
  });

  it('prefers the token flags over the environment', () => {
    const flags = parseCopyFlags([...both, '--from-token', 'from-flag', '--to-token', 'to-flag'], tokens);
    expect([flags.fromToken, flags.toToken]).toEqual(['from-flag', 'to-flag']);
  });

  it('refuses a missing token, naming the variable to set', () => {
    expect(refusal(both, { BAOBAB_FROM_TOKEN: 'x' })).toBe('no API token for --to: set BAOBAB_TO_TOKEN (or give --to-token)');
    expect(refusal(both, { BAOBAB_FROM_TOKEN: '', BAOBAB_TO_TOKEN: 'x' })).toBe('no API token for --from: set BAOBAB_FROM_TOKEN (or give --from-token)');
    expect(refusal([...both, '--to-token', 'has space'])).toBe('--to-token is not an API token (printable characters without spaces, at most 1,024)');
  });

  it('requires both addresses', () => {
    expect(refusal(['--to', 'http://127.0.0.1:1337'])).toBe("--from is required: the source CMS's address, like https://cms.example.org");
  });

  it.each([
    ['cms.example.org', '--from "cms.example.org" is not a URL; give the CMS\'s address, like https://cms.example.org or http://127.0.0.1:1337'],
    ['ftp://cms.example.org', '--from "ftp://cms.example.org" must start with http:// or https://'],
    ['javascript:alert(1)', '--from "javascript:alert(1)" must start with http:// or https://'],
    ['https://user:secret@cms.example.org', '--from must not carry a user or password; give the API token with --from-token or BAOBAB_FROM_TOKEN'],
    ['https://cms.example.org/api', '--from "https://cms.example.org/api" must be the CMS\'s address alone, without a path, query or fragment, like https://cms.example.org or http://127.0.0.1:1337'],
    ['https://cms.example.org/?x=1', '--from "https://cms.example.org/?x=1" must be the CMS\'s address alone, without a path, query or fragment, like https://cms.example.org or http://127.0.0.1:1337'],
    ['https://cms.example.org/#top', '--from "https://cms.example.org/#top" must be the CMS\'s address alone, without a path, query or fragment, like https://cms.example.org or http://127.0.0.1:1337'],
  ])('refuses --from %s', (raw, message) => {
    expect(parseCmsUrl('--from', raw)).toEqual({ problem: message });
    expect(refusal(['--from', raw, '--to', 'http://127.0.0.1:1337'])).toBe(message);
  });

  it('refuses copying a CMS onto itself', () => {
    expect(refusal(['--from', 'http://127.0.0.1:1337/', '--to', 'http://127.0.0.1:1337'])).toBe('--from and --to are the same CMS (http://127.0.0.1:1337); copying a CMS onto itself changes nothing');
  });

  it('refuses bad filters, naming each at once', () => {
    expect(refusal([...both, '--site', 'Kijana_KE', '--locale', 'xx-YY', '--type', 'articles'])).toBe(
      '--site "Kijana_KE" is not a site code (lowercase letters, digits and single hyphens, like kijana-ke); --locale "xx-YY" is not in locales/registry.json (like sw-KE); --type "articles" must be one of article, section, page, banner',
    );
  });

  it('refuses unknown flags, stray arguments and a flag without its value', () => {
    expect(refusal([...both, '--prune'])).toMatch(/Unknown option '--prune'/);
    expect(refusal([...both, 'kijana-ke'])).toMatch(/Unexpected argument 'kijana-ke'/);
    expect(refusal([...both, '--site'])).toMatch(/--site/);
  });
});
