// The polls plugin's manifest: four lazy halves, each loaded only by the process that uses it.
import { definePlugin } from '@baobab/plugin-api';

export default definePlugin({
  name: 'polls',
  title: 'Polls',
  description: 'A question with 2–10 choices after an article, on a section or on the home page; readers vote once, results per site.',
  cms: () => import('./cms'),
  delivery: () => import('./delivery'),
  mobi: () => import('./mobi'),
  chat: () => import('./chat'),
});
