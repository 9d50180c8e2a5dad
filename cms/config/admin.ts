import { adminLoginLimit } from '../src/admin-login';
import { previewAdminConfig } from '../src/preview';
import { getSecrets } from '../src/secrets';

export default ({ env }: { env: { bool(key: string, fallback?: boolean): boolean } }) => ({
  serveAdminPanel: env.bool('BAOBAB_SERVE_ADMIN', true),
  auth: { secret: getSecrets().ADMIN_JWT_SECRET },
  apiToken: { salt: getSecrets().API_TOKEN_SALT },
  transfer: { token: { salt: getSecrets().TRANSFER_TOKEN_SALT } },
  secrets: { encryptionKey: getSecrets().ENCRYPTION_KEY },
  flags: { nps: false, promoteEE: false },
  rateLimit: { enabled: true, interval: { min: 5 }, max: adminLoginLimit(process.env.BAOBAB_ADMIN_LOGIN_LIMIT) },
  preview: previewAdminConfig(process.env),
});
