// The mobi-site's production build (`next build`), only when a source is newer than the
// last one: what `npm run build:dist` and the image's build stage run before copying .next.
import { ensureBuild } from './serve';

try {
  ensureBuild();
} catch (error: unknown) {
  console.error(`mobi build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
