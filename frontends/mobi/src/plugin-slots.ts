// The plugin halves this process loaded, as rendering reads them. Kept apart from
// src/plugins.ts (which imports the registry, and with it every plugin's server code) so the
// page component's module graph holds no plugin package: Next compiles that graph for the
// browser too, even though no page ships JavaScript.
import { isEnabled, type MobiHalf, type PluginSite } from '@baobab/plugin-api';

export interface LoadedHalf {
  readonly name: string;
  readonly half: MobiHalf;
}

declare global {
  // Set by src/plugins.ts (loadMobiHalves, in a page's server-side props), read while rendering.
  // eslint-disable-next-line no-var
  var __baobabLoadedMobiHalves: readonly LoadedHalf[] | undefined;
}

/** The halves `loadMobiHalves` loaded, for rendering (which cannot wait). */
export const loadedMobiHalves = (): readonly LoadedHalf[] => globalThis.__baobabLoadedMobiHalves ?? [];

/** The halves a site enables, in registry order. */
export const enabledHalves = (halves: readonly LoadedHalf[], site: Pick<PluginSite, 'plugins'>): readonly LoadedHalf[] => halves.filter((loaded) => isEnabled(site, loaded.name));
