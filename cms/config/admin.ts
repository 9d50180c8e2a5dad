import { cmsEnv } from '../src/env';
import { previewAdminConfig } from '../src/preview';
import { getSecrets } from '../src/secrets';

export default () => ({
  serveAdminPanel: cmsEnv().serveAdmin,
  auth: { secret: getSecrets().ADMIN_JWT_SECRET },
  apiToken: { salt: getSecrets().API_TOKEN_SALT },
  transfer: { token: { salt: getSecrets().TRANSFER_TOKEN_SALT } },
  secrets: { encryptionKey: getSecrets().ENCRYPTION_KEY },
  flags: { nps: false, promoteEE: false },
  // Strapi's default is 5 logins per 5 minutes; BAOBAB_ADMIN_LOGIN_LIMIT raises it where many are expected (the admin browser tests).
  rateLimit: { enabled: true, interval: { min: 5 }, max: cmsEnv().adminLoginLimit },
  preview: previewAdminConfig(cmsEnv().previewUrl),
});
