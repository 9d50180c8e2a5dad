// Builds the gateway from settings: content cache, session store (Redis when REDIS_URL is
// set; start-up fails at once when it cannot connect), HTTP server. Used by
// scripts/serve.ts, the tests and the benchmark.
import type { AddressInfo } from 'node:net';
import { createWriteDelivery } from '@baobab/kit/delivery';
import type { ChatConfig } from '../config';
import { createContentSource } from '../content';
import type { Runtime } from '../gateways/runtime';
import { createSmsLimiter } from '../gateways/sms';
import { createMemoryStore, createRedisStore } from '../store';
import { installedChatPlugins, type ChatPlugin } from '../plugins';
import { createChatServer, type ChatServer } from './http';

export interface RunningGateway extends ChatServer {
  readonly url: string;
  readonly runtime: Runtime;
  stop(): Promise<void>;
}

export async function startGateway(
  config: ChatConfig,
  log: (message: string) => void = (message) => console.error(`chat: ${message}`),
  /** The plugins' chat halves; the registry's (baobab.config.ts) unless given. */
  plugins?: readonly ChatPlugin[],
): Promise<RunningGateway> {
  const installed = plugins ?? (await installedChatPlugins());
  const redis = config.redisUrl ? await createRedisStore(config.redisUrl, { log }) : null;
  const store = redis ?? createMemoryStore();
  const content = createContentSource({ cmsUrl: config.cmsUrl, mediaUrl: config.mediaUrl, ttlMs: config.contentTtlMs, log });
  const runtime: Runtime = {
    config,
    content,
    store,
    smsLimiter: createSmsLimiter(config.sms.ratePerMinute, redis?.client ?? null),
    log,
    plugins: installed,
    pluginDelivery: createWriteDelivery(config.cmsUrl, config.writeSecret),
  };
  const chat = createChatServer(runtime);
  await new Promise<void>((resolve, reject) => {
    chat.server.once('error', reject);
    chat.server.listen(config.port, config.host, () => resolve());
  });
  const { port } = chat.server.address() as AddressInfo;
  return {
    ...chat,
    url: `http://${config.host}:${port}`,
    runtime,
    async stop() {
      await new Promise<void>((resolve) => chat.server.close(() => resolve()));
      await chat.idle();
      await store.close();
    },
  };
}
