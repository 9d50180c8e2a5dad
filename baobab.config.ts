// What this deployment has installed: the one list of themes and plugins that the CMS, the
// mobi-site, the chat gateway and `site:new` read. Installing a theme or plugin is adding its
// workspace package and naming it here; a site then names it by data (`theme`, `plugins`).
import { defineConfig } from '@baobab/plugin-api';
import polls from '@baobab/plugin-polls';
import { baseTheme } from '@baobab/theme-base';
import { pulseTheme } from '@baobab/theme-pulse';
import { sunriseTheme } from '@baobab/theme-sunrise';

export default defineConfig({
  themes: [baseTheme, sunriseTheme, pulseTheme],
  plugins: [polls],
});
