// The mobi half of each installed plugin (the registry, baobab.config.ts), loaded once per
// process: which selection a page query adds under `site { }` for a slot, and which
// components render there. A site that does not enable a plugin gets nothing from it.
// Server-side only (page props, the HTTP layer): rendering reads src/plugin-slots.ts.
import type { PluginDefinition, PluginSite, Slot } from '@baobab/plugin-api';
import registry from '../../../baobab.config';
import { enabledHalves, type LoadedHalf } from './plugin-slots';
import type { Route } from './routes';

export { enabledHalves, type LoadedHalf };

declare global {
  // eslint-disable-next-line no-var
  var __baobabMobiHalves: Promise<readonly LoadedHalf[]> | undefined;
}

/** Imports the mobi half of every plugin that has one (lazily, each once), in registry order. */
export async function importMobiHalves(plugins: readonly PluginDefinition[]): Promise<readonly LoadedHalf[]> {
  const halves = await Promise.all(plugins.map(async (plugin) => (plugin.mobi ? { name: plugin.name, half: (await plugin.mobi()).default } : null)));
  return halves.filter((half): half is LoadedHalf => half !== null);
}

/** The installed mobi halves; the first call imports them, and rendering finds them loaded (src/plugin-slots.ts). */
export async function loadMobiHalves(): Promise<readonly LoadedHalf[]> {
  globalThis.__baobabMobiHalves ??= importMobiHalves(registry.plugins);
  globalThis.__baobabLoadedMobiHalves = await globalThis.__baobabMobiHalves;
  return globalThis.__baobabLoadedMobiHalves;
}

/** The slot a route's page has, if any. */
export function slotFor(route: Route): Slot | null {
  switch (route.kind) {
    case 'home':
      return 'home';
    case 'section':
      return 'section';
    case 'article':
      return 'articleEnd';
    default:
      return null;
  }
}

/** What the enabled plugins add under `site { }` of the page query for a slot ('' when nothing). */
export function slotSelection(halves: readonly LoadedHalf[], site: Pick<PluginSite, 'plugins'>, slot: Slot | null): string {
  if (slot === null) return '';
  return enabledHalves(halves, site)
    .map((loaded) => loaded.half.queries?.[slot] ?? '')
    .filter((selection) => selection.trim() !== '')
    .join('\n');
}
