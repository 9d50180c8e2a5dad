export default async function globalTeardown(): Promise<void> {
  await globalThis.__BAOBAB_CMS__?.stop();
}
