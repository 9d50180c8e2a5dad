// The polls plugin's manifest: four lazy halves, each loaded only by the process that uses it.
// `require` rather than `import()`: this package is CommonJS TypeScript, read by tsx (CMS,
// chat), jest and Next's bundler alike, and node16 resolution wants file extensions in `import()`.
// The mobi-site's bundle needs only the mobi half: `turbopackIgnore` keeps Next from bundling
// (and tracing the files of) the CMS, delivery and chat halves, which it never calls.
import { definePlugin } from '@baobab/plugin-api';

export default definePlugin({
  name: 'polls',
  title: 'Polls',
  description: 'A question with 2–10 choices after an article, on a section or on the home page; readers vote once, results per site.',
  cms: async () => require(/* turbopackIgnore: true */ './cms') as typeof import('./cms'),
  delivery: async () => require(/* turbopackIgnore: true */ './delivery') as typeof import('./delivery'),
  mobi: async () => require('./mobi') as typeof import('./mobi'),
  chat: async () => require(/* turbopackIgnore: true */ './chat') as typeof import('./chat'),
});
