// The registry: what this deployment has installed, named once in `baobab.config.ts` at the
// repository root and read by the CMS, the mobi-site, the chat gateway and `site:new`.
// Validated when it is defined, so a mistake stops every process at start-up naming the path.
import type { Theme } from '@baobab/theme-api';
import type { PluginDefinition } from './plugin';

export interface BaobabConfig {
  /** Theme packages a site may name; the first is what a site naming no installed theme gets. */
  readonly themes: readonly Theme[];
  /** Plugin packages a site may enable. */
  readonly plugins: readonly PluginDefinition[];
}

export interface Registry {
  readonly themes: readonly Theme[];
  readonly plugins: readonly PluginDefinition[];
  /** The first theme listed: what a site naming an uninstalled theme is served with. */
  readonly defaultTheme: Theme;
  theme(name: string): Theme | undefined;
  /** The named theme, or the default one when it is not installed. */
  themeOrDefault(name: string): Theme;
  plugin(name: string): PluginDefinition | undefined;
}

const BRAND = Symbol.for('baobab.registry');

export class RegistryError extends Error {
  readonly code = 'REGISTRY_INVALID';
}

function checkNames(kind: 'themes' | 'plugins', names: readonly string[]): void {
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (seen.has(name)) throw new RegistryError(`baobab.config.ts: ${kind}[${index}] "${name}" is listed twice`);
    seen.add(name);
  });
}

export function defineConfig(config: BaobabConfig): Registry {
  const [defaultTheme] = config.themes;
  if (!defaultTheme) throw new RegistryError('baobab.config.ts: themes must list at least one theme (the first is the default)');
  checkNames('themes', config.themes.map((theme) => theme.name));
  checkNames('plugins', config.plugins.map((plugin) => plugin.name));
  const themes = new Map(config.themes.map((theme) => [theme.name, theme]));
  const plugins = new Map(config.plugins.map((plugin) => [plugin.name, plugin]));
  const registry: Registry = {
    themes: config.themes,
    plugins: config.plugins,
    defaultTheme,
    theme: (name) => themes.get(name),
    themeOrDefault: (name) => themes.get(name) ?? defaultTheme,
    plugin: (name) => plugins.get(name),
  };
  return Object.assign(registry, { [BRAND]: true });
}

/** Whether a value is a registry made by `defineConfig` (for a process that loads `baobab.config.ts` by path). */
export function isRegistry(value: unknown): value is Registry {
  return typeof value === 'object' && value !== null && BRAND in value;
}
