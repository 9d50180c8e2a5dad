// Development only: an admin user and a full-access API token, so a newcomer can log in
// and scripts can write content. Credentials go to a git-ignored env file in the data
// folder and are printed at start-up. Production gets neither.
import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { readCredentialsFile as readCredentials, writeCredentialsFile as writeCredentials, type DevCredentials } from '@baobab/kit/dev-credentials';
import { dataPaths } from '../paths';

export const DEV_ADMIN_EMAIL = 'admin@baobab.local';
const TOKEN_NAME = 'baobab-dev';

export type { DevCredentials };

/** The credentials file of this CMS (or another one's, for tests and scripts). */
export function readCredentialsFile(file = dataPaths().credentialsFile): DevCredentials | null {
  return readCredentials(file);
}

const idSchema = z.object({ id: z.union([z.number(), z.string()]) });
const tokenSchema = z.object({ accessKey: z.string() });

export async function ensureDevAccess(strapi: Core.Strapi): Promise<DevCredentials> {
  const stored = readCredentialsFile();
  const users = strapi.service('admin::user');
  let password = stored?.BAOBAB_ADMIN_PASSWORD;
  const admin = await strapi.db.query('admin::user').findOne({ where: { email: DEV_ADMIN_EMAIL } });
  if (!admin) {
    password = `Baobab-${crypto.randomBytes(9).toString('base64url')}1`;
    const hasAnyAdmin = await users.exists();
    if (hasAnyAdmin) {
      const superAdmin = idSchema.parse(await strapi.service('admin::role').getSuperAdmin());
      await users.create({ email: DEV_ADMIN_EMAIL, firstname: 'Baobab', lastname: 'Admin', password, isActive: true, registrationToken: null, roles: [superAdmin.id] });
    } else {
      await users.createFirstAdmin({ email: DEV_ADMIN_EMAIL, firstname: 'Baobab', lastname: 'Admin', password });
    }
  } else if (password === undefined) {
    password = `Baobab-${crypto.randomBytes(9).toString('base64url')}1`;
    const parsed = idSchema.parse(admin);
    await users.updateById(parsed.id, { password });
  }

  const tokens = strapi.service('admin::api-token-content-api');
  const existing: unknown = await tokens.getByName(TOKEN_NAME);
  let token = stored?.BAOBAB_API_TOKEN;
  if (!existing) {
    token = tokenSchema.parse(
      await tokens.create({ name: TOKEN_NAME, description: 'Local development scripts and tests', type: 'full-access', lifespan: null }),
    ).accessKey;
  } else if (token === undefined) {
    token = tokenSchema.parse(await tokens.regenerate(idSchema.parse(existing).id)).accessKey;
  }

  const credentials: DevCredentials = {
    BAOBAB_ADMIN_EMAIL: DEV_ADMIN_EMAIL,
    BAOBAB_ADMIN_PASSWORD: password ?? '',
    BAOBAB_API_TOKEN: token ?? '',
  };
  if (JSON.stringify(credentials) !== JSON.stringify(stored)) writeCredentials(dataPaths().credentialsFile, credentials);
  return credentials;
}
