export default async function globalTeardown(): Promise<void> {
  await globalThis.__BAOBAB_ADMIN_MOBI__?.stop();
  await globalThis.__BAOBAB_ADMIN_CMS__?.stop();
}
