// `npm start -w @baobab/chat`, and what the root `npm start` runs: the chat gateway on
// PORT (default 3100). Settings come from the environment; see the README.
import { createLogger } from '@baobab/kit/log';
import { loadConfig } from '../src/config';
import { startGateway } from '../src/server/start';

async function main() {
  const config = loadConfig(process.env);
  const gateway = await startGateway(config);
  createLogger({ name: 'chat', level: config.logLevel }).info(`chat gateway on ${gateway.url} (content from ${config.cmsUrl}${config.sandbox ? '; provider sandbox on' : ''}${config.redisUrl ? '; sessions in Redis' : ''}; metrics ${gateway.metricsUrl ?? 'off'})`);
  const stop = () => void gateway.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`chat: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
