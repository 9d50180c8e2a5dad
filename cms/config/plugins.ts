import path from 'node:path';
import { cmsEnv } from '../src/env';
import { registry } from '../src/registry';
import { getSecrets } from '../src/secrets';

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
  // Every installed plugin with a CMS half is a Strapi plugin: its package has a
  // strapi-server.js and a "strapi" field, and its content types are plugin::<name>.<key>.
  ...Object.fromEntries(
    registry.plugins
      .filter((plugin) => plugin.cms !== undefined)
      .map((plugin) => [plugin.name, { enabled: true, resolve: path.dirname(require.resolve(`@baobab/plugin-${plugin.name}/package.json`)) }]),
  ),
});
