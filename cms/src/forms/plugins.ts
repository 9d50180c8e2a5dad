// Installed Baobab plugins (`@baobab/plugin-<name>` packages), for the site form's checkboxes.
// None are installed yet; issue 10 adds a registry.
import { installedPackages } from '../paths';

export const installedPlugins = () => installedPackages('plugin');
