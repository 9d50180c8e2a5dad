// Creates or updates Baobab's shipped roles at every start, so each holds exactly the
// permissions its definition lists (edits made to them in the admin are put back), and
// replaces Strapi's default Editor and Author roles.
import { isPlainObject as isRecord } from '@baobab/kit';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { OWN_SITE_CONDITION, replacedDefaultRoles, shippedRoles, type Grant, type RoleDefinition } from './definitions';
import { scopeOf } from './enforce';

const roleSchema = z.object({ id: z.union([z.number(), z.string()]), name: z.string(), description: z.string().nullish() });
const localeSchema = z.array(z.object({ code: z.string() }));

interface PermissionInput {
  readonly action: string;
  readonly subject?: string | null;
  readonly properties?: Record<string, unknown>;
  readonly conditions?: readonly string[];
}

/** Content-type permissions with every field (Strapi's own field listing) and, on localized types, every locale. */
function permissionsOf(strapi: Core.Strapi, grant: Grant, localeCodes: readonly string[]): PermissionInput[] {
  if (grant.subjects.length === 0) return [{ action: grant.action, conditions: grant.conditions ?? [] }];
  const action: unknown = strapi.service('admin::permission').actionProvider.get(grant.action);
  if (!isRecord(action)) throw new Error(`roles: Strapi has no action ${grant.action}`);
  const withFields: unknown = strapi.service('admin::content-type').getPermissionsWithNestedFields([{ ...action, subjects: grant.subjects }], {});
  const rows = z.array(z.object({ action: z.string(), subject: z.string(), properties: z.record(z.string(), z.unknown()).optional() })).parse(withFields);
  return rows.map((row) => {
    const isLocalized = strapi.plugin('i18n').service('content-types').isLocalizedContentType(strapi.getModel(row.subject as Parameters<Core.Strapi['getModel']>[0]));
    const properties = isLocalized ? { ...row.properties, locales: [...localeCodes] } : { ...row.properties };
    return { action: row.action, subject: row.subject, properties, conditions: grant.conditions ?? [] };
  });
}

async function ensureRole(strapi: Core.Strapi, definition: RoleDefinition, localeCodes: readonly string[]) {
  const roles = strapi.service('admin::role');
  const found: unknown = await roles.findOne({ code: definition.code });
  const role = roleSchema.parse(
    found ?? (await roles.create({ name: definition.name, code: definition.code, description: definition.description })),
  );
  if (role.name !== definition.name || role.description !== definition.description) {
    await roles.update({ id: role.id }, { name: definition.name, description: definition.description });
  }
  await roles.assignPermissions(role.id, definition.grants.flatMap((grant) => permissionsOf(strapi, grant, localeCodes)));
  return role;
}

/** Registers the RBAC condition; Strapi accepts conditions only during bootstrap. */
export async function registerConditions(strapi: Core.Strapi): Promise<void> {
  // No `category`: Strapi #27461 drops conditions with one when a role is saved in the admin.
  await strapi.service('admin::permission').conditionProvider.register({
    name: OWN_SITE_CONDITION.name,
    displayName: OWN_SITE_CONDITION.displayName,
    async handler(user: unknown) {
      const id = isRecord(user) && (typeof user.id === 'number' || typeof user.id === 'string') ? user.id : null;
      if (id === null) return false;
      const { sites } = await scopeOf(strapi, id);
      return sites.length === 0 ? false : { code: { $in: sites } };
    },
  });
}

export async function ensureRoles(strapi: Core.Strapi): Promise<void> {
  const localeCodes = localeSchema.parse(await strapi.plugin('i18n').service('locales').find()).map((locale) => locale.code).sort();
  const byCode = new Map<string, RoleDefinition>(shippedRoles.map((definition) => [definition.code, definition]));
  for (const definition of byCode.values()) await ensureRole(strapi, definition, localeCodes);
  const roles = strapi.service('admin::role');
  for (const code of replacedDefaultRoles) {
    const found: unknown = await roles.findOne({ code });
    if (!found) continue;
    const role = roleSchema.parse(found);
    const holders = z.number().parse(await roles.getUsersCount(role.id));
    if (holders === 0) {
      await roles.deleteByIds([role.id]);
      continue;
    }
    // Strapi's Editor maps to the Global editor; its Author (own entries only) has no Baobab meaning.
    const global = shippedRoles.find((definition) => definition.code === 'baobab-global-editor');
    const grants = code === 'strapi-editor' && global ? global.grants : [];
    await roles.assignPermissions(role.id, grants.flatMap((grant) => permissionsOf(strapi, grant, localeCodes)));
    strapi.log.warn(
      `roles: ${holders} user(s) still hold Strapi's ${role.name} role; it now ${grants.length > 0 ? 'grants what Global editor grants' : 'grants nothing'}. Give them Global editor, Country editor or Translator instead.`,
    );
  }
}
