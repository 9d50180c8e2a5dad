// The registry of installed themes and plugins (`baobab.config.ts` at the repository root),
// as the CMS reads it: theme selects, token checks, delivery tokens, plugin checkboxes, and
// which plugins' CMS halves Strapi loads. Loaded by path, because Strapi runs this code
// compiled into cms/dist, where a relative import of the root would point elsewhere, and
// because an operator may name another file (BAOBAB_CONFIG).
import { isRegistry, type Registry } from '@baobab/plugin-api';
import { cmsEnv } from './env';

function loadRegistry(): Registry {
  const file = cmsEnv().registryFile;
  const loaded: unknown = require(file);
  const candidate = typeof loaded === 'object' && loaded !== null && 'default' in loaded ? loaded.default : loaded;
  if (!isRegistry(candidate)) throw new Error(`${file} must export default defineConfig({ themes, plugins }) from @baobab/plugin-api`);
  return candidate;
}

export const registry: Registry = loadRegistry();
