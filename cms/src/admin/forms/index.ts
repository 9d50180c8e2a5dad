// Baobab's form controls in the admin (the server half is src/forms/): custom field inputs
// for a site's web addresses, theme, theme overrides, chat channels and plugins, an
// article's section and tags, the article a poll follows, and the "carried by site" filter
// on content lists.
import CarriedByFilter from './carried-by-filter.js';

interface AdminApp {
  customFields: { register(field: Record<string, unknown>): void };
  getPlugin(id: string): { injectComponent(view: string, zone: string, component: { name: string; Component: () => unknown }): void };
}

const fields = [
  { name: 'hostnames', type: 'json', label: 'Web addresses', description: 'Hostnames, a row each, checked as you type.', Input: async () => import('./hostnames-input.js') },
  { name: 'theme-picker', type: 'string', label: 'Theme', description: 'One of the installed themes.', Input: async () => import('./theme-input.js') },
  { name: 'theme-tokens', type: 'json', label: 'Theme overrides', description: "Colours, font and sizes over the theme's, with their contrast.", Input: async () => import('./theme-tokens-input.js') },
  { name: 'site-channels', type: 'json', label: 'Chat channels', description: 'The codes and ids of each chat channel.', Input: async () => import('./channels-input.js') },
  { name: 'plugin-picker', type: 'json', label: 'Plugins', description: 'Installed plugins, ticked.', Input: async () => import('./plugins-input.js') },
  { name: 'section-picker', type: 'string', label: 'Section', description: 'One of the sections.', Input: async () => import('./section-input.js') },
  { name: 'article-picker', type: 'string', label: 'Article', description: 'An article, searched by title; its web address name is stored.', Input: async () => import('./article-input.js') },
  { name: 'tag-input', type: 'json', label: 'Tags', description: 'Short words; Enter adds one.', Input: async () => import('./tags-input.js') },
] as const;

export function register(app: AdminApp): void {
  for (const { name, type, label, description, Input } of fields) {
    app.customFields.register({
      name,
      type,
      intlLabel: { id: `baobab.${name}.label`, defaultMessage: label },
      intlDescription: { id: `baobab.${name}.description`, defaultMessage: description },
      components: { Input },
    });
  }
}

export function bootstrap(app: AdminApp): void {
  app.getPlugin('content-manager').injectComponent('listView', 'actions', { name: 'baobab-carried-by', Component: CarriedByFilter });
}
