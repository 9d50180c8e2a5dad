import { parseFlags } from '../cli';
import { BackupError } from '../errors';
import { FORMAT, FORMAT_VERSION, isArchivePath, parseManifest } from '../manifest';
import { canonicalJson, componentPart, contentTypePart, schemaVersion, type SchemaInput } from '../schema-version';

const article = {
  kind: 'collectionType',
  collectionName: 'articles',
  info: { singularName: 'article', pluralName: 'articles', displayName: 'Article', description: 'Shared content.' },
  options: { draftAndPublish: true },
  pluginOptions: { i18n: { localized: true } },
  attributes: { title: { type: 'string', required: true, maxLength: 160 }, lead: { type: 'text' } },
  config: { metadatas: { title: { edit: { label: 'Title' } } } },
};
const input = (schema: unknown = article): SchemaInput => ({
  strapiVersion: '5.54.0',
  contentTypes: [contentTypePart('api::article.article', schema)],
  components: [componentPart('site.variable', { collectionName: 'components_site_variables', attributes: { key: { type: 'string' } } })],
  plugins: [{ name: 'polls', version: '0.1.0' }],
});

describe('the content schema version', () => {
  it('is the same whatever the order of keys and parts', () => {
    const { attributes: _attributes, ...rest } = article;
    const reordered = { attributes: { lead: { type: 'text' }, title: { maxLength: 160, required: true, type: 'string' } }, ...rest };
    expect(schemaVersion(input(reordered))).toBe(schemaVersion(input()));
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });

  it('ignores labels, descriptions, layouts and indexes (the CMS makes indexes as it starts)', () => {
    const reworded = { ...article, info: { ...article.info, description: 'Other words.' }, config: { metadatas: { title: { edit: { label: 'Headline' } } } } };
    expect(schemaVersion(input(reworded))).toBe(schemaVersion(input()));
    expect(schemaVersion(input({ ...article, indexes: [{ name: 'articles_slug_idx', columns: ['slug'] }] }))).toBe(schemaVersion(input()));
  });

  it('changes with a field, a validation, a table, localization, Strapi or a plugin version', () => {
    const base = schemaVersion(input());
    const changed = [
      input({ ...article, attributes: { ...article.attributes, summary: { type: 'text' } } }),
      input({ ...article, attributes: { ...article.attributes, title: { type: 'string', required: true, maxLength: 200 } } }),
      input({ ...article, collectionName: 'posts' }),
      input({ ...article, pluginOptions: {} }),
      { ...input(), strapiVersion: '5.55.1' },
      { ...input(), plugins: [{ name: 'polls', version: '0.2.0' }] },
    ].map(schemaVersion);
    expect(new Set([base, ...changed]).size).toBe(changed.length + 1);
    expect(base).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

const manifest = {
  format: FORMAT,
  version: FORMAT_VERSION,
  createdAt: '2026-12-03T00:00:00.000Z',
  baobabVersion: '0.1.0',
  strapiVersion: '5.54.0',
  schemaVersion: `sha256:${'a'.repeat(64)}`,
  database: { client: 'sqlite', file: 'database/cms.db' },
  counts: { articles: 3 },
  uploads: { provider: 'local', files: 1, bytes: 4 },
  files: [
    { path: 'database/cms.db', size: 10, sha256: 'b'.repeat(64) },
    { path: 'uploads/a.jpg', size: 4, sha256: 'c'.repeat(64) },
  ],
};

const refusal = (text: string): string => {
  try {
    parseManifest(text);
  } catch (error) {
    if (error instanceof BackupError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'accepted';
};

describe('the manifest', () => {
  it('accepts what backup writes', () => {
    expect(parseManifest(JSON.stringify(manifest)).files).toHaveLength(2);
  });

  it.each([
    ['a newer format version', { ...manifest, version: 2 }, /^RESTORE_FORMAT_TOO_NEW: the archive is baobab-backup version 2, this code reads version 1/],
    ['another format', { ...manifest, format: 'strapi-export' }, /^RESTORE_BAD_ARCHIVE: manifest.json does not say format "baobab-backup"/],
    ['a path climbing out', { ...manifest, files: [...manifest.files, { path: 'uploads/../../etc/passwd', size: 1, sha256: 'd'.repeat(64) }] }, /^RESTORE_BAD_ARCHIVE: manifest.json: files.2.path: a path under database\/ or uploads\//],
    ['a file listed twice', { ...manifest, files: [...manifest.files, manifest.files[1]] }, /^RESTORE_BAD_ARCHIVE: manifest.json lists uploads\/a.jpg twice/],
    ['no database dump', { ...manifest, files: [manifest.files[1]] }, /^RESTORE_BAD_ARCHIVE: manifest.json does not list the database dump database\/cms.db/],
    ['an unknown field', { ...manifest, extra: true }, /^RESTORE_BAD_ARCHIVE: manifest.json: \(root\): /],
  ])('refuses %s', (_name, value, message) => {
    expect(refusal(JSON.stringify(value))).toMatch(message);
  });

  it('refuses what is not JSON', () => {
    expect(refusal('{"format":')).toMatch(/^RESTORE_BAD_ARCHIVE: manifest.json is not JSON/);
  });

  it.each([
    ['uploads/a.jpg', true],
    ['uploads/sub/a b.jpg', true],
    ['database/cms.db', true],
    ['secrets.json', false],
    ['uploads/', false],
    ['uploads/../x', false],
    ['/uploads/a.jpg', false],
    ['uploads\\a.jpg', false],
    ['uploads/./a.jpg', false],
  ])('archive path %s: %s', (value, isAllowed) => {
    expect(isArchivePath(value)).toBe(isAllowed);
  });
});

describe('flags', () => {
  const refused = (command: 'backup' | 'restore', args: string[]): string => {
    try {
      parseFlags(command, args);
    } catch (error) {
      if (error instanceof BackupError) return `${error.code}: ${error.message}`;
      throw error;
    }
    return 'accepted';
  };

  it('takes --out and a default name for backup, one archive and --force for restore', () => {
    expect(parseFlags('backup', ['--out', '/tmp/x.tar.gz'])).toEqual({ out: '/tmp/x.tar.gz' });
    expect(parseFlags('backup', [])).toEqual({ out: expect.stringMatching(/\/baobab-backup-\d{8}T\d{6}Z\.tar\.gz$/) });
    expect(parseFlags('restore', ['/tmp/x.tar.gz', '--force'])).toEqual({ archive: '/tmp/x.tar.gz', force: true });
    expect(parseFlags('restore', ['/tmp/x.tgz'])).toEqual({ archive: '/tmp/x.tgz', force: false });
  });

  it.each([
    ['backup', ['--out'], /^BACKUP_BAD_FLAG: .*'--out <value>' argument missing/],
    ['backup', ['--out', 'x.zip'], /^BACKUP_BAD_FLAG: --out "x.zip" must end in .tar.gz or .tgz/],
    ['backup', ['--force'], /^BACKUP_BAD_FLAG: Unknown option '--force'/],
    ['backup', ['x.tar.gz'], /^BACKUP_BAD_FLAG: Unexpected argument 'x.tar.gz'/],
    ['restore', [], /^RESTORE_BAD_FLAG: give the archive to restore \(usage: npm run restore -- <archive.tar.gz> \[--force\]\)$/],
    ['restore', ['a.tar.gz', 'b.tar.gz'], /^RESTORE_BAD_FLAG: give one archive, got 2/],
    ['restore', ['a.tar.gz', '--force=yes'], /^RESTORE_BAD_FLAG: Option '--force' does not take an argument/],
    ['restore', [' '], /^RESTORE_BAD_FLAG: the archive must be a file path/],
    ['restore', ['a.tar.gz', '--force', '--force'], /^RESTORE_BAD_FLAG: --force is given twice/],
    ['backup', ['--out', 'a.tar.gz', '--out=b.tar.gz'], /^BACKUP_BAD_FLAG: --out is given twice/],
  ] as const)('%s %j is refused', (command, args, message) => {
    expect(refused(command, [...args])).toMatch(message);
  });
});
