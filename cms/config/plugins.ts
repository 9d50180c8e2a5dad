import { cmsEnv } from '../src/env';
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
});
