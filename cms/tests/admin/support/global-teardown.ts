export default async function globalTeardown(): Promise<void> {
  await globalThis.__BAOBAB_ADMIN_CMS__?.stop();
}
