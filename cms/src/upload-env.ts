// Where uploads live: the data folder (`local`, the default: public/uploads under
// BAOBAB_DATA_DIR, a volume every CMS replica mounts) or an S3-compatible bucket
// (`UPLOAD_PROVIDER=s3`: AWS S3, MinIO, Ceph, Cloudflare R2, DigitalOcean Spaces…) through
// Strapi's @strapi/provider-upload-aws-s3, so replicas need no shared volume. Read by
// cms/src/env.ts; used by config/plugins.ts (the provider) and config/middlewares.ts (the
// admin panel may show images from the bucket's origin).
import { envProblems, flag, httpUrl, INVALID, oneOf, setting } from '@baobab/kit/env';
import { z } from 'zod';

export const uploadProviders = ['local', 's3'] as const;
/** `public-read`: each file is sent with that ACL (the provider's default). `none`: no ACL header, for buckets with ACLs disabled (AWS's default since 2023, R2) made readable by a bucket policy. */
export const s3Acls = ['public-read', 'none'] as const;

export type UploadSettings =
  | { readonly provider: 'local' }
  | {
      readonly provider: 's3';
      readonly bucket: string;
      readonly region: string;
      /** An S3-compatible service's URL; null for AWS itself. */
      readonly endpoint: string | null;
      readonly forcePathStyle: boolean;
      /** Null: the AWS SDK's own chain (IAM role, IRSA, instance profile, AWS_* variables). */
      readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } | null;
      /** Where readers fetch files (a CDN or the bucket's public URL), without a trailing slash; null: the provider builds it from the endpoint. */
      readonly publicUrl: string | null;
      /** A folder inside the bucket, or null for its root. */
      readonly rootPath: string | null;
      readonly acl: (typeof s3Acls)[number];
    };

/** Every S3_* variable this reads: each is refused while UPLOAD_PROVIDER is not s3, since it would be silently ignored. */
export const s3Names = ['S3_BUCKET', 'S3_REGION', 'S3_ENDPOINT', 'S3_FORCE_PATH_STYLE', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_PUBLIC_URL', 'S3_ROOT_PATH', 'S3_ACL'] as const;

/** S3's bucket naming rule: 3–63 of a-z 0-9 . -, starting and ending with a letter or digit. */
const bucketName = setting<string | null>('a bucket name such as baobab-media (3-63 of a-z 0-9 . -)', (value) => (/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(value) ? value : INVALID), null);
const regionName = setting<string | null>('a region such as eu-west-1 (a-z 0-9 -)', (value) => (/^[a-z0-9-]{1,64}$/.test(value) ? value : INVALID), null);
const optionalText = (expected: string, pattern: RegExp) => setting<string | null>(expected, (value) => (pattern.test(value) ? value : INVALID), null);

const schema = z.object({
  UPLOAD_PROVIDER: oneOf(uploadProviders, 'local'),
  S3_BUCKET: bucketName,
  S3_REGION: regionName,
  S3_ENDPOINT: httpUrl('https://minio.example.org:9000', ''),
  S3_FORCE_PATH_STYLE: flag(false),
  S3_ACCESS_KEY_ID: optionalText('an access key id (letters and digits)', /^[A-Za-z0-9]{8,128}$/),
  S3_SECRET_ACCESS_KEY: optionalText('a secret access key (8 to 256 characters, no spaces)', /^\S{8,256}$/),
  S3_PUBLIC_URL: httpUrl('https://media.example.org', ''),
  S3_ROOT_PATH: optionalText('a folder such as baobab/uploads (A-Z a-z 0-9 . _ - /, no leading slash or ..)', /^(?!\/)(?!.*\.\.)[A-Za-z0-9._/-]{1,200}$/),
  S3_ACL: oneOf(s3Acls, 'public-read'),
});

/** The secret is never echoed in a message. */
const SENSITIVE: ReadonlySet<string> = new Set(['S3_SECRET_ACCESS_KEY', 'S3_ACCESS_KEY_ID']);

/**
 * Reads the upload settings from `env` (pure). Returns the settings, or the problems as one
 * line naming each variable (the caller raises it as a start-up error).
 */
export function parseUploadEnv(env: Readonly<Record<string, string | undefined>>): UploadSettings | { readonly problems: string } {
  const parsed = schema.safeParse(env);
  if (!parsed.success) return { problems: envProblems(parsed.error.issues, env, SENSITIVE) };
  const e = parsed.data;
  const isSet = (name: string) => (env[name] ?? '').trim() !== '';
  if (e.UPLOAD_PROVIDER === 'local') {
    const stray = s3Names.filter(isSet);
    return stray.length === 0 ? { provider: 'local' } : { problems: `${stray.join(', ')}: set while UPLOAD_PROVIDER is local (the default); set UPLOAD_PROVIDER=s3 to store uploads in the bucket, or remove them` };
  }
  const problems = [
    e.S3_BUCKET === null ? 'S3_BUCKET: required when UPLOAD_PROVIDER=s3' : '',
    e.S3_REGION === null ? 'S3_REGION: required when UPLOAD_PROVIDER=s3 (any region name the service accepts, such as us-east-1 for MinIO)' : '',
    isSet('S3_ACCESS_KEY_ID') !== isSet('S3_SECRET_ACCESS_KEY') ? 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: set both, or neither to use the SDK\'s own credentials (IAM role)' : '',
    e.S3_FORCE_PATH_STYLE && e.S3_ENDPOINT === '' ? 'S3_FORCE_PATH_STYLE: only with S3_ENDPOINT (an S3-compatible service such as MinIO)' : '',
  ].filter(Boolean);
  if (problems.length > 0 || e.S3_BUCKET === null || e.S3_REGION === null) return { problems: problems.join('; ') };
  return {
    provider: 's3',
    bucket: e.S3_BUCKET,
    region: e.S3_REGION,
    endpoint: e.S3_ENDPOINT === '' ? null : e.S3_ENDPOINT,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
    credentials: e.S3_ACCESS_KEY_ID !== null && e.S3_SECRET_ACCESS_KEY !== null ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } : null,
    publicUrl: e.S3_PUBLIC_URL === '' ? null : e.S3_PUBLIC_URL.replace(/\/+$/, ''),
    rootPath: e.S3_ROOT_PATH === null ? null : e.S3_ROOT_PATH.replace(/\/+$/, ''),
    acl: e.S3_ACL,
  };
}

/** Strapi's upload plugin configuration for the settings: null keeps Strapi's local provider. */
export function uploadPluginConfig(settings: UploadSettings): Record<string, unknown> | null {
  if (settings.provider === 'local') return null;
  return {
    config: {
      provider: 'aws-s3',
      providerOptions: {
        baseUrl: settings.publicUrl ?? undefined,
        rootPath: settings.rootPath ?? undefined,
        s3Options: {
          region: settings.region,
          ...(settings.endpoint === null ? {} : { endpoint: settings.endpoint, forcePathStyle: settings.forcePathStyle }),
          ...(settings.credentials === null ? {} : { credentials: settings.credentials }),
          // An ACL key that is present but undefined tells the provider to send no ACL header.
          params: { Bucket: settings.bucket, ACL: settings.acl === 'none' ? undefined : 'public-read' },
        },
      },
    },
  };
}

/** The origins the admin panel loads uploaded images and media from, for its Content-Security-Policy; none when local. */
export function uploadOrigins(settings: UploadSettings): string[] {
  if (settings.provider === 'local') return [];
  if (settings.publicUrl !== null) return [new URL(settings.publicUrl).origin];
  // Without S3_PUBLIC_URL a file's URL is what the service answers: path-style or virtual-hosted.
  if (settings.endpoint !== null) {
    const endpoint = new URL(settings.endpoint);
    return [endpoint.origin, `${endpoint.protocol}//${settings.bucket}.${endpoint.host}`];
  }
  return [`https://${settings.bucket}.s3.${settings.region}.amazonaws.com`, `https://${settings.bucket}.s3.amazonaws.com`];
}
