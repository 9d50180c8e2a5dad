import { previewAdminConfig } from '../src/preview';
import { getSecrets } from '../src/secrets';

export default ({ env }: { env: { bool(key: string, fallback?: boolean): boolean } }) => ({
  serveAdminPanel: env.bool('BAOBAB_SERVE_ADMIN', true),
  auth: { secret: getSecrets().ADMIN_JWT_SECRET },
  apiToken: { salt: getSecrets().API_TOKEN_SALT },
  transfer: { token: { salt: getSecrets().TRANSFER_TOKEN_SALT } },
  secrets: { encryptionKey: getSecrets().ENCRYPTION_KEY },
  flags: { nps: false, promoteEE: false },
  preview: previewAdminConfig(process.env),
});
