// The polls plugin's CMS half: the poll content type and its choice component, the ballot
// tables, the editors' results route, the write rule, and the demo polls the CMS seed asks for.
import type { CmsHalf } from '@baobab/plugin-api';
import { z } from 'zod';
import { deleteVotes, ensureTables } from './cms/ballots';
import { pollProblems } from './cms/rules';
import { resultsController, routes } from './cms/results';
import { CHOICE_COMPONENT, componentEntry, POLL_UID, pollSchema } from './cms/schema';
import { seedPolls } from './cms/seed';
import type { PollsStrapi } from './cms/strapi';

const cms: CmsHalf<PollsStrapi> = {
  contentTypes: { poll: { schema: pollSchema } },
  register({ strapi }) {
    // Strapi loads components from the app's src/components only; a plugin adds its own here,
    // before the database models are built in bootstrap.
    const components = strapi.get('components');
    if (components.get(CHOICE_COMPONENT) === undefined) components.set(CHOICE_COMPONENT, componentEntry());
  },
  async bootstrap({ strapi }) {
    await ensureTables(strapi.db.connection);
    // A poll deleted in every locale takes its ballots with it.
    strapi.db.lifecycles.subscribe({
      models: [POLL_UID],
      async afterDelete(event) {
        const deleted = z.object({ documentId: z.string() }).safeParse(event.result);
        if (!deleted.success) return;
        const left = z.coerce.number().parse(await strapi.db.query(POLL_UID).count({ where: { documentId: deleted.data.documentId } }));
        // Inside the delete's own transaction: on SQLite a second connection would wait for it forever.
        if (left === 0) await strapi.db.transaction(({ trx }) => deleteVotes(trx, deleted.data.documentId));
      },
    });
  },
  routes,
  controllers: { results: ({ strapi }: { strapi: PollsStrapi }) => resultsController(strapi) },
  rules: { poll: pollProblems },
  async seed(strapi, { sites }) {
    return (await seedPolls(strapi, sites)).created;
  },
};

export default cms;
