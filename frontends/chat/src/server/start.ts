// Builds the gateway from settings: content cache, session store (Redis when REDIS_URL is
// set; start-up fails at once when it cannot connect), HTTP server. Used by
// scripts/serve.ts, the tests and the benchmark.
import type { AddressInfo } from 'node:net';
import { createChangeReceiver, joinChanges, REPLICA_SETTLE_MS } from '@baobab/kit/changes';
import { createWriteDelivery, postGraphql } from '@baobab/kit/delivery';
import { createLogger } from '@baobab/kit/log';
import { startMetricsServer, type MetricsServer } from '@baobab/kit/metrics';
import type { ChatConfig } from '../config';
import { createContentSource } from '../content';
import type { Runtime } from '../gateways/runtime';
import { createSmsLimiter } from '../gateways/sms';
import { createMemoryStore, createRedisStore } from '../store';
import { installedChatPlugins, type ChatPlugin } from '../plugins';
import { createChatServer, type ChatServer, type Readiness } from './http';
import { createChatMetrics, type ChatMetrics } from './metrics';

export interface RunningGateway extends ChatServer {
  readonly url: string;
  readonly runtime: Runtime;
  /** Where `/metrics` answers, or null when METRICS_PORT=off. */
  readonly metricsUrl: string | null;
  stop(): Promise<void>;
}

export async function startGateway(
  config: ChatConfig,
  /** Where messages go; JSON lines on stdout (pino, LOG_LEVEL), with one line per request at `http`, unless given. */
  log?: (message: string) => void,
  /** The plugins' chat halves; the registry's (baobab.config.ts) unless given. */
  plugins?: readonly ChatPlugin[],
): Promise<RunningGateway> {
  const logger = log ? null : createLogger({ name: 'chat', level: config.logLevel });
  const write = log ?? ((message: string) => logger?.warn(message));
  const installed = plugins ?? (await installedChatPlugins());
  const redis = config.redisUrl ? await createRedisStore(config.redisUrl, { log: write }) : null;
  const store = redis ?? createMemoryStore();
  const metrics: ChatMetrics | undefined = config.metrics ? createChatMetrics() : undefined;
  const content = createContentSource({
    cmsUrl: config.cmsUrl,
    mediaUrl: config.mediaUrl,
    ttlMs: config.contentTtlMs,
    staleMaxAgeMs: config.staleMaxAgeMs,
    log: write,
    ...(metrics ? { onLookup: (result: 'hit' | 'miss' | 'stale') => metrics.cacheLookups.inc({ cache: 'content', result }) } : {}),
  });
  // A change heard on Redis may reach this process before the CMS replica a load asks: loads wait for it to settle.
  const changes = createChangeReceiver({ cache: 'content', metrics, apply: (change, via) => content.invalidate(change, via === 'redis' ? REPLICA_SETTLE_MS : 0) });
  const bus = await joinChanges(config.redisUrl, 'chat', changes, write).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const writes = createWriteDelivery(config.cmsUrl, config.writeSecret);
  const runtime: Runtime = {
    config,
    content,
    store,
    smsLimiter: createSmsLimiter(config.sms.ratePerMinute, redis?.client ?? null),
    log: write,
    plugins: installed,
    pluginDelivery: metrics
      ? async (query, variables) => {
          try {
            const answer = await writes(query, variables);
            metrics.pluginWrites.inc({ result: answer.errors?.length ? 'refused' : 'ok' });
            return answer;
          } catch (error) {
            metrics.pluginWrites.inc({ result: 'failed' });
            throw error;
          }
        }
      : writes,
    ...(metrics ? { metrics } : {}),
    changes,
    ...(logger?.isLevelEnabled('http') ? { logRequest: (fields: Readonly<Record<string, unknown>>) => logger.http(fields, 'request') } : {}),
  };
  const readiness = async (): Promise<Readiness> => {
    try {
      const answer = await postGraphql(config.cmsUrl, '{ __typename }', {}, { timeoutMs: 2000 });
      if (answer.errors?.length) return { ready: false, reason: `the CMS at ${config.cmsUrl} answered with errors: ${answer.errors[0]?.message ?? ''}`.slice(0, 300) };
    } catch (error) {
      return { ready: false, reason: `the CMS at ${config.cmsUrl} is not reachable: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300) };
    }
    if (bus !== null && !bus.isConnected()) return { ready: false, reason: 'Redis (REDIS_URL) is not reachable for content changes' };
    if (redis) {
      try {
        await redis.ping();
      } catch (error) {
        return { ready: false, reason: `Redis (REDIS_URL) is not reachable: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300) };
      }
    }
    return { ready: true };
  };
  const chat = createChatServer(runtime, readiness);
  await new Promise<void>((resolve, reject) => {
    chat.server.once('error', reject);
    chat.server.listen(config.port, config.host, () => resolve());
  });
  let metricsServer: MetricsServer | null = null;
  if (metrics && config.metrics) {
    try {
      metricsServer = await startMetricsServer(metrics.registry, config.metrics);
    } catch (error) {
      await new Promise<void>((resolve) => chat.server.close(() => resolve()));
      await bus?.close();
      await store.close();
      throw error;
    }
  }
  const { port } = chat.server.address() as AddressInfo;
  return {
    ...chat,
    url: `http://${config.host}:${port}`,
    runtime,
    metricsUrl: metricsServer?.url ?? null,
    async stop() {
      await metricsServer?.close();
      await new Promise<void>((resolve) => chat.server.close(() => resolve()));
      await chat.idle();
      await bus?.close();
      await store.close();
    },
  };
}
