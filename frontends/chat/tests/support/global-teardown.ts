export default async function globalTeardown(): Promise<void> {
  await globalThis.__BAOBAB_CHAT_CMS__?.stop();
}
