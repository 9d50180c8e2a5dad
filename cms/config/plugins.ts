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
      landingPage: process.env.NODE_ENV !== 'production',
      apolloServer: { introspection: process.env.NODE_ENV !== 'production' },
    },
  },
  'users-permissions': { config: { jwtSecret: getSecrets().JWT_SECRET } },
});
