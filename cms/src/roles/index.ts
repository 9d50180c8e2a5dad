// Roles that match how countries work: shipped roles and their RBAC condition at
// bootstrap, the document-service middleware that scopes every write, and what scoped
// users see and are told in the admin.
import type { Core } from '@strapi/strapi';
import { SCOPE_UID } from './definitions';
import { registerRoleScoping } from './enforce';
import { registerForbiddenMessages, registerReadScoping } from './reads';
import { ensureRoles, registerConditions } from './sync';

export { roleCodes, SCOPE_UID } from './definitions';

export const roles = {
  register({ strapi }: { strapi: Core.Strapi }): void {
    registerRoleScoping(strapi);
    registerReadScoping(strapi);
    registerForbiddenMessages(strapi);
    // Editor scopes are admin data: keep them out of Strapi's generated GraphQL schema.
    strapi.plugin('graphql')?.service('extension').shadowCRUD(SCOPE_UID).disable();
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }): Promise<void> {
    await registerConditions(strapi);
    await ensureRoles(strapi);
  },
};
