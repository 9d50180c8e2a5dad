// Upload storage settings: the local default, an S3-compatible bucket, and the start-up
// errors that name each bad variable (cms/tests/api/upload-s3.test.ts uploads through it).
import { CmsConfigError, parseCmsEnv } from '../env';
import { parseUploadEnv, uploadOrigins, uploadPluginConfig, type UploadSettings } from '../upload-env';

const minio = { UPLOAD_PROVIDER: 's3', S3_BUCKET: 'baobab-media', S3_REGION: 'us-east-1', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_FORCE_PATH_STYLE: 'true', S3_ACCESS_KEY_ID: 'baobabaccess1', S3_SECRET_ACCESS_KEY: 'not-a-real-secret-key-1234' };

function settings(env: Record<string, string>): UploadSettings {
  const parsed = parseUploadEnv(env);
  if ('problems' in parsed) throw new Error(parsed.problems);
  return parsed;
}

function problems(env: Record<string, string>): string {
  const parsed = parseUploadEnv(env);
  if (!('problems' in parsed)) throw new Error(`accepted ${JSON.stringify(env)}`);
  return parsed.problems;
}

describe('upload settings', () => {
  test('local by default; an S3 setting without UPLOAD_PROVIDER=s3 is refused, not ignored', () => {
    expect(settings({})).toEqual({ provider: 'local' });
    expect(settings({ UPLOAD_PROVIDER: 'local', S3_BUCKET: '' })).toEqual({ provider: 'local' });
    expect(problems({ S3_BUCKET: 'baobab-media', S3_REGION: 'eu-west-1' })).toBe(
      'S3_BUCKET, S3_REGION: set while UPLOAD_PROVIDER is local (the default); set UPLOAD_PROVIDER=s3 to store uploads in the bucket, or remove them',
    );
  });

  test('an S3-compatible bucket: every setting read', () => {
    expect(settings({ ...minio, S3_PUBLIC_URL: 'https://media.example.org/', S3_ROOT_PATH: 'baobab/uploads/', S3_ACL: 'none' })).toEqual({
      provider: 's3',
      bucket: 'baobab-media',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'baobabaccess1', secretAccessKey: 'not-a-real-secret-key-1234' },
      publicUrl: 'https://media.example.org',
      rootPath: 'baobab/uploads',
      acl: 'none',
    });
  });

  test("AWS itself: no endpoint, and no keys means the SDK's own credentials (an IAM role)", () => {
    expect(settings({ UPLOAD_PROVIDER: 's3', S3_BUCKET: 'baobab-media', S3_REGION: 'eu-west-1' })).toEqual({
      provider: 's3',
      bucket: 'baobab-media',
      region: 'eu-west-1',
      endpoint: null,
      forcePathStyle: false,
      credentials: null,
      publicUrl: null,
      rootPath: null,
      acl: 'public-read',
    });
  });

  test('missing, half-given and malformed settings are named, the secret never shown', () => {
    expect(problems({ UPLOAD_PROVIDER: 's3' })).toBe(
      'S3_BUCKET: required when UPLOAD_PROVIDER=s3; S3_REGION: required when UPLOAD_PROVIDER=s3 (any region name the service accepts, such as us-east-1 for MinIO)',
    );
    expect(problems({ ...minio, S3_SECRET_ACCESS_KEY: '' })).toBe("S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: set both, or neither to use the SDK's own credentials (IAM role)");
    expect(problems({ ...minio, S3_ENDPOINT: '' })).toBe('S3_FORCE_PATH_STYLE: only with S3_ENDPOINT (an S3-compatible service such as MinIO)');
    expect(problems({ UPLOAD_PROVIDER: 'S3 ' })).toMatch(/^UPLOAD_PROVIDER: expected one of local, s3/);
    const bad = problems({ ...minio, S3_BUCKET: 'Baobab_Media', S3_ENDPOINT: 'ftp://files', S3_ACL: 'private', S3_ROOT_PATH: '../etc', S3_SECRET_ACCESS_KEY: 'has a space in it' });
    expect(bad).toMatch(/S3_BUCKET: expected a bucket name such as baobab-media .*got "Baobab_Media"/);
    expect(bad).toMatch(/S3_ENDPOINT: expected an http\(s\) URL/);
    expect(bad).toMatch(/S3_ACL: expected one of public-read, none/);
    expect(bad).toMatch(/S3_ROOT_PATH: expected a folder/);
    expect(bad).toMatch(/S3_SECRET_ACCESS_KEY: expected .*not shown/);
    expect(bad).not.toContain('has a space');
  });

  test('the CMS refuses to start on a bad upload setting, with the variable in the message', () => {
    expect(() => parseCmsEnv({ UPLOAD_PROVIDER: 's3', S3_REGION: 'eu-west-1' })).toThrow(new CmsConfigError('CMS_CONFIG_INVALID', 'S3_BUCKET: required when UPLOAD_PROVIDER=s3'));
    expect(parseCmsEnv(minio).upload).toMatchObject({ provider: 's3', bucket: 'baobab-media' });
  });

  test("Strapi's upload plugin gets the aws-s3 provider; local keeps Strapi's default", () => {
    expect(uploadPluginConfig({ provider: 'local' })).toBeNull();
    expect(uploadPluginConfig(settings(minio))).toEqual({
      config: {
        provider: 'aws-s3',
        providerOptions: {
          baseUrl: undefined,
          rootPath: undefined,
          s3Options: {
            region: 'us-east-1',
            endpoint: 'http://127.0.0.1:9000',
            forcePathStyle: true,
            credentials: { accessKeyId: 'baobabaccess1', secretAccessKey: 'not-a-real-secret-key-1234' },
            params: { Bucket: 'baobab-media', ACL: 'public-read' },
          },
        },
      },
    });
    // ACL present but undefined: the provider sends no ACL header (buckets with ACLs disabled).
    const params = (uploadPluginConfig(settings({ ...minio, S3_ACL: 'none' })) as { config: { providerOptions: { s3Options: { params: Record<string, unknown> } } } }).config.providerOptions.s3Options.params;
    expect('ACL' in params && params.ACL === undefined).toBe(true);
  });

  test("the admin panel's Content-Security-Policy names where files are served from", () => {
    expect(uploadOrigins({ provider: 'local' })).toEqual([]);
    expect(uploadOrigins(settings({ ...minio, S3_PUBLIC_URL: 'https://media.example.org/baobab' }))).toEqual(['https://media.example.org']);
    expect(uploadOrigins(settings(minio))).toEqual(['http://127.0.0.1:9000', 'http://baobab-media.127.0.0.1:9000']);
    expect(uploadOrigins(settings({ UPLOAD_PROVIDER: 's3', S3_BUCKET: 'baobab-media', S3_REGION: 'eu-west-1' }))).toEqual([
      'https://baobab-media.s3.eu-west-1.amazonaws.com',
      'https://baobab-media.s3.amazonaws.com',
    ]);
  });
});
