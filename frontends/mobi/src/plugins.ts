// The mobi half of each installed plugin (the registry, baobab.config.ts), loaded once per
// process: which selection a page query adds under `site { }` for a slot, and which
// components render there. A site that does not enable a plugin gets nothing from it.
import { isEnabled, type MobiHalf, type PluginDefinition, type PluginSite, type Slot } from '@baobab/plugin-api';
import registry from '../../../baobab.config';
import type { Route } from './routes';

export interface LoadedHalf {
  readonly name: string;
  readonly half: MobiHalf;
}

declare global {
  // Loaded by the page's server-side props (async), read while rendering (sync), in one process.
  // eslint-disable-next-line no-var
  var __baobabMobiHalves: Promise<readonly LoadedHalf[]> | undefined;
}

/** Imports the mobi half of every plugin that has one (lazily, each once), in registry order. */
export async function importMobiHalves(plugins: readonly PluginDefinition[]): Promise<readonly LoadedHalf[]> {
  const halves = await Promise.all(plugins.map(async (plugin) => (plugin.mobi ? { name: plugin.name, half: (await plugin.mobi()).default } : null)));
  return halves.filter((half): half is LoadedHalf => half !== null);
}

let ready: readonly LoadedHalf[] = [];

/** The installed mobi halves; the first call imports them. */
export async function loadMobiHalves(): Promise<readonly LoadedHalf[]> {
  globalThis.__baobabMobiHalves ??= importMobiHalves(registry.plugins);
  ready = await globalThis.__baobabMobiHalves;
  return ready;
}

/** The halves `loadMobiHalves` loaded, for rendering (which cannot wait). */
export const loadedMobiHalves = (): readonly LoadedHalf[] => ready;

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

/** The halves a site enables, in registry order. */
export const enabledHalves = (halves: readonly LoadedHalf[], site: Pick<PluginSite, 'plugins'>): readonly LoadedHalf[] => halves.filter((loaded) => isEnabled(site, loaded.name));

/** What the enabled plugins add under `site { }` of the page query for a slot ('' when nothing). */
export function slotSelection(halves: readonly LoadedHalf[], site: Pick<PluginSite, 'plugins'>, slot: Slot | null): string {
  if (slot === null) return '';
  return enabledHalves(halves, site)
    .map((loaded) => loaded.half.queries?.[slot] ?? '')
    .filter((selection) => selection.trim() !== '')
    .join('\n');
}
