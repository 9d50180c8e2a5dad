// Baobab's admin extension: the login page says where you are, and Strapi's guided tour and
// release notices stay out of editors' way. Built into the panel by scripts/build-admin.ts
// (a change here makes the next `npm start` or browser test run rebuild the panel).
export default {
  config: {
    locales: [],
    tutorials: false,
    notifications: { releases: false },
    translations: {
      en: {
        'Auth.form.welcome.title': 'Welcome to Baobab',
        'Auth.form.welcome.subtitle': 'Log in to edit every country site',
      },
    },
  },
  bootstrap() {},
};
