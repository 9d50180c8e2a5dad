// The installed plugins' CMS and delivery halves, loaded once from the registry when the CMS
// registers (Strapi itself loads each CMS half's Strapi part through config/plugins.ts and
// the plugin's strapi-server.js). Everything else in the CMS asks `loadedPlugins()`.
import type { CmsHalf, DeliveryHalf, PluginDefinition } from '@baobab/plugin-api';
import { registry } from '../registry';

export interface LoadedPlugin {
  readonly definition: PluginDefinition;
  readonly cms: CmsHalf | null;
  readonly delivery: DeliveryHalf | null;
}

let loaded: readonly LoadedPlugin[] | null = null;

/** Loads every installed plugin's CMS and delivery halves (once). */
export async function loadPlugins(): Promise<readonly LoadedPlugin[]> {
  loaded ??= await Promise.all(
    registry.plugins.map(async (definition) => ({
      definition,
      cms: definition.cms ? (await definition.cms()).default : null,
      delivery: definition.delivery ? (await definition.delivery()).default : null,
    })),
  );
  return loaded;
}

/** The plugins `loadPlugins` loaded; empty before it ran (unit tests of the core schema). */
export function loadedPlugins(): readonly LoadedPlugin[] {
  return loaded ?? [];
}

/** The plugin that owns a content type (`plugin::polls.poll` → polls) and the type's key, or null. */
export function pluginContentType(uid: string): { readonly plugin: LoadedPlugin; readonly key: string } | null {
  const match = /^plugin::([a-z0-9]+(?:-[a-z0-9]+)*)\.([a-z0-9-]+)$/.exec(uid);
  if (!match?.[1] || !match[2]) return null;
  const plugin = loadedPlugins().find((candidate) => candidate.definition.name === match[1]);
  return plugin ? { plugin, key: match[2] } : null;
}

/** Content types whose changes reach delivery answers through plugins. */
export function pluginWatches(): ReadonlySet<string> {
  return new Set(loadedPlugins().flatMap((plugin) => plugin.delivery?.watches ?? []));
}
