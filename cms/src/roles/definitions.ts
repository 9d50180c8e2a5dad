// The roles Baobab ships, as data: which content-manager actions each grants on which
// types. Who a country editor or translator is scoped to lives in editor-scope entries.
import { UID } from '../delivery/content-index';

export const SCOPE_UID = 'api::editor-scope.editor-scope';

export const roleCodes = {
  globalEditor: 'baobab-global-editor',
  countryEditor: 'baobab-country-editor',
  translator: 'baobab-translator',
} as const;
export type RoleCode = (typeof roleCodes)[keyof typeof roleCodes];

/** Custom RBAC condition: the site is one of the user's (a string column, so a condition can say it). */
export const OWN_SITE_CONDITION = { name: 'baobab-own-site', id: 'api::baobab-own-site', displayName: 'Is one of my sites' } as const;

const cm = (verb: 'create' | 'read' | 'update' | 'delete' | 'publish') => `plugin::content-manager.explorer.${verb}`;

export const localizedTypes = [UID.section, UID.article, UID.page, UID.banner] as const;

export interface Grant {
  readonly action: string;
  readonly subjects: readonly string[];
  readonly conditions?: readonly string[];
}

export interface RoleDefinition {
  readonly code: RoleCode;
  readonly name: string;
  readonly description: string;
  readonly grants: readonly Grant[];
}

const media: Grant[] = ['plugin::upload.read', 'plugin::upload.configure-view', 'plugin::upload.assets.create', 'plugin::upload.assets.update', 'plugin::upload.assets.download', 'plugin::upload.assets.copy-link'].map(
  (action) => ({ action, subjects: [] }),
);

export const shippedRoles: readonly RoleDefinition[] = [
  {
    code: roleCodes.globalEditor,
    name: 'Global editor',
    description: 'Writes and publishes everything, including shared source content, in every locale. Cannot change roles or editor scopes.',
    grants: [
      ...(['create', 'read', 'update', 'delete', 'publish'] as const).map((verb) => ({ action: cm(verb), subjects: [...localizedTypes, UID.site] })),
      ...media,
    ],
  },
  {
    code: roleCodes.countryEditor,
    name: 'Country editor',
    description:
      'Runs the sites in their editor scope: local content, translations into those sites\u2019 locales, which shared articles they carry, and their own site settings. Cannot change shared source text, other countries\u2019 content, or create or delete sites.',
    grants: [
      ...(['create', 'read', 'update', 'publish'] as const).map((verb) => ({ action: cm(verb), subjects: localizedTypes })),
      { action: cm('read'), subjects: [UID.site] },
      { action: cm('update'), subjects: [UID.site], conditions: [OWN_SITE_CONDITION.id] },
      { action: cm('publish'), subjects: [UID.site], conditions: [OWN_SITE_CONDITION.id] },
      ...media,
    ],
  },
  {
    code: roleCodes.translator,
    name: 'Translator',
    description:
      'Translates into the locales of their editor scope. Cannot publish (give a second role for that), create content or change shared fields.',
    grants: [
      { action: cm('read'), subjects: [...localizedTypes, UID.site] },
      // Strapi asks for create when a translation is added to an existing document.
      { action: cm('create'), subjects: localizedTypes },
      { action: cm('update'), subjects: localizedTypes },
      { action: 'plugin::upload.read', subjects: [] },
      { action: 'plugin::upload.assets.download', subjects: [] },
    ],
  },
];

/** Strapi's default roles, which Baobab replaces: removed when nobody holds them, emptied otherwise. */
export const replacedDefaultRoles = ['strapi-editor', 'strapi-author'] as const;
