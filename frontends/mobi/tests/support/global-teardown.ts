export default async function globalTeardown(): Promise<void> {
  const running = globalThis.__BAOBAB_MOBI__;
  if (!running) return;
  running.mobi.kill('SIGTERM');
  await running.cms.stop();
}
