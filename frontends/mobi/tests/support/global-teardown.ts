export default async function globalTeardown(): Promise<void> {
  const running = globalThis.__BAOBAB_MOBI__;
  if (!running) return;
  await running.mobi.stop();
  await running.cms.stop();
}
