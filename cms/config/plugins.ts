import fs from 'node:fs';
import path from 'node:path';
import { cmsEnv } from '../src/env';
import { registry } from '../src/registry';
import { getSecrets } from '../src/secrets';
import { uploadPluginConfig } from '../src/upload-env';

/** A package's folder, found from its entry point (its exports need not list package.json). */
function packageDir(name: string): string {
  for (let dir = path.dirname(require.resolve(name)); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the folder of ${name}`);
  }
}

export default () => ({
  // Strapi's generated CRUD schema stays for editors' tools, moved off /graphql, which
  // belongs to the delivery API (src/delivery). Its defaults are unbounded: bound them.
  graphql: {
    config: {
      endpoint: '/strapi-graphql',
      defaultLimit: 10,
      maxLimit: 50,
      depthLimit: 10,
      landingPage: !cmsEnv().isProduction,
      apolloServer: { introspection: !cmsEnv().isProduction },
    },
  },
  'users-permissions': { config: { jwtSecret: getSecrets().JWT_SECRET } },
  // Uploads in an S3-compatible bucket when UPLOAD_PROVIDER=s3 (src/upload-env.ts); else Strapi's
  // local provider writes them to public/uploads in the data folder.
  ...(uploadPluginConfig(cmsEnv().upload) === null ? {} : { upload: uploadPluginConfig(cmsEnv().upload) }),
  // Every installed plugin with a CMS half is a Strapi plugin: its package has a
  // strapi-server.js and a "strapi" field, and its content types are plugin::<name>.<key>.
  ...Object.fromEntries(
    registry.plugins
      .filter((plugin) => plugin.cms !== undefined)
      // Strapi takes the folder of what `resolve` resolves to: the manifest's, not the main entry's.
      .map((plugin) => [plugin.name, { enabled: true, resolve: path.join(packageDir(`@baobab/plugin-${plugin.name}`), 'package.json') }]),
  ),
});
