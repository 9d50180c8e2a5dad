import type { Core } from '@strapi/strapi';
import { afterBatch, batchRead, registerBatch, withBatch } from '../batch';

type Middleware = (context: { uid: string; action: string }, next: () => Promise<unknown>) => Promise<unknown>;

/** The documents middleware registerBatch adds, called as Strapi's document service calls it. */
function batchMiddleware(): Middleware {
  let registered: Middleware | undefined;
  registerBatch({ documents: { use: (middleware: Middleware) => (registered = middleware) } } as unknown as Core.Strapi);
  if (registered === undefined) throw new Error('registerBatch added no middleware');
  return registered;
}

describe('batch reads', () => {
  it('read every time outside a batch, once inside one', async () => {
    let reads = 0;
    const read = () => batchRead('sites', ['api::site.site'], async () => (reads += 1));
    await read();
    await read();
    expect(reads).toBe(2);
    await withBatch(async () => {
      expect([await read(), await read(), await read()]).toEqual([3, 3, 3]);
    });
    expect(reads).toBe(3);
    // A new batch reads afresh.
    await withBatch(async () => expect(await read()).toBe(4));
  });

  it('forget a read when its type is written in the batch, and keep the others', async () => {
    const middleware = batchMiddleware();
    let sites = 0;
    let sections = 0;
    await withBatch(async () => {
      const readSites = () => batchRead('sites', ['api::site.site'], async () => (sites += 1));
      const readSections = () => batchRead('sections', ['api::section.section'], async () => (sections += 1));
      await readSites();
      await readSections();
      // A write to a section, and a read made during it, before the row is written: both forgotten after it.
      await middleware({ uid: 'api::section.section', action: 'create' }, async () => readSections());
      expect(await readSections()).toBe(3);
      expect(await readSites()).toBe(1);
      // Reads of the document service forget nothing.
      await middleware({ uid: 'api::site.site', action: 'findMany' }, async () => []);
      expect(await readSites()).toBe(1);
      await middleware({ uid: 'api::site.site', action: 'update' }, async () => ({}));
      expect(await readSites()).toBe(2);
    });
  });

  it('keep no failed read', async () => {
    let attempts = 0;
    await withBatch(async () => {
      const read = () =>
        batchRead('flaky', [], async () => {
          attempts += 1;
          if (attempts === 1) throw new Error('database busy');
          return attempts;
        });
      await expect(read()).rejects.toThrow('database busy');
      expect(await read()).toBe(2);
    });
  });
});

describe('work after a batch', () => {
  it('runs at once outside a batch, and once for every document at the end of one', async () => {
    const runs: string[][] = [];
    const stamp = (documentId: string) => afterBatch('stamps', documentId, async (ids) => void runs.push([...ids]));
    await stamp('a');
    expect(runs).toEqual([['a']]);
    const value = await withBatch(async () => {
      await stamp('b');
      await stamp('c');
      await stamp('b');
      // Nothing yet: the documents are stamped once the batch's writes are done.
      expect(runs).toEqual([['a']]);
      return 'done';
    });
    expect(value).toBe('done');
    expect(runs).toEqual([['a'], ['b', 'c']]);
  });

  it('hands over at most 500 documents a run', async () => {
    const sizes: number[] = [];
    await withBatch(async () => {
      for (let n = 0; n < 1201; n += 1) await afterBatch('search', `doc-${n}`, async (ids) => void sizes.push(ids.length));
    });
    expect(sizes).toEqual([500, 500, 201]);
  });

  it('drops the work when the batch fails (its transaction rolls back)', async () => {
    const runs: string[][] = [];
    await expect(
      withBatch(async () => {
        await afterBatch('stamps', 'a', async (ids) => void runs.push([...ids]));
        throw new Error('row 7 is refused');
      }),
    ).rejects.toThrow('row 7 is refused');
    expect(runs).toEqual([]);
  });
});
