// Installed Baobab plugins, from the registry (baobab.config.ts), for the site form's checkboxes.
import { registry } from '../registry';

export const installedPlugins = () => registry.plugins.map(({ name, title, description }) => ({ name, title, description }));
