// Where conversations live between messages: in this process by default, in Redis when
// REDIS_URL is set so every gateway replica sees the same sessions. Values are JSON text
// with a time to live; callers parse what they read (it may be old or foreign). Redis
// being down is an error at once, never a wait.
import { createClient } from 'redis';
import { redactRedisUrl } from '@baobab/kit/changes';

export interface Store {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

/** In-process store: expired keys go on read and in a sweep every minute; at most `maxKeys`. */
export function createMemoryStore(maxKeys = 200_000): Store {
  const entries = new Map<string, { readonly value: string; readonly expires: number }>();
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [key, entry] of entries) if (entry.expires <= now) entries.delete(key);
  }, 60_000);
  sweep.unref();
  return {
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return null;
      if (entry.expires > Date.now()) return entry.value;
      entries.delete(key);
      return null;
    },
    async set(key, value, ttlSeconds) {
      entries.delete(key);
      // Oldest first in a Map: past the cap, the least recently written go.
      while (entries.size >= maxKeys) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      entries.set(key, { value, expires: Date.now() + ttlSeconds * 1000 });
    },
    async delete(key) {
      entries.delete(key);
    },
    async close() {
      clearInterval(sweep);
      entries.clear();
    },
  };
}

/** Redis did not answer in time or is unreachable: the caller answers "try again later". */
export class StoreUnavailableError extends Error {
  readonly code = 'STORE_UNAVAILABLE';
}

export interface RedisStoreOptions {
  readonly prefix?: string;
  /** How long one command may take before it fails (a USSD hop must answer within ~10 s). */
  readonly commandTimeoutMs?: number;
  /** How long the first connection may take before start-up fails. */
  readonly connectTimeoutMs?: number;
  /** Where connection trouble is told (once per change, not once per retry). */
  readonly log?: (message: string) => void;
}

export type RedisClient = ReturnType<typeof createClient>;

export interface RedisStore extends Store {
  /** The connected client, for the SMS rate limiter (same Redis, same outage rules). */
  readonly client: RedisClient;
  /** Resolves when Redis answers PING within the command timeout; else a StoreUnavailableError (readiness). */
  ping(): Promise<void>;
}

/**
 * Sessions in Redis. Commands never wait for Redis to come back: with the offline queue
 * off, a command while disconnected fails at once, and a command on a connection that
 * stalls fails after `commandTimeoutMs`. Either becomes a StoreUnavailableError. The first
 * connection is not retried: start-up fails fast, naming REDIS_URL.
 */
export async function createRedisStore(url: string, options: RedisStoreOptions = {}): Promise<RedisStore> {
  const prefix = options.prefix ?? 'baobab:chat:';
  const connectTimeout = options.connectTimeoutMs ?? 3000;
  let hasConnected = false;
  const commandTimeoutMs = options.commandTimeoutMs ?? 1000;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    // node-redis's timeout covers a command's wait to be written; `guard` covers the reply.
    commandOptions: { timeout: commandTimeoutMs },
    // While Redis stalls, written commands wait for replies: at most this many, then refused at once.
    commandsQueueMaxLength: 1000,
    socket: {
      connectTimeout,
      // Before the first connection, give up (start-up fails); afterwards, keep trying in the background.
      reconnectStrategy: (retries) => (hasConnected ? Math.min(retries * 200, 2000) : false),
    },
  });
  const log = options.log ?? ((message: string) => console.error(`chat: ${message}`));
  let lastLogged = '';
  client.on('error', (error: unknown) => {
    // A dead Redis repeats the same error on every reconnect attempt: log changes only.
    const message = messageOf(error);
    if (hasConnected && message !== lastLogged) log(`STORE_UNAVAILABLE: redis: ${message}`);
    lastLogged = message;
  });
  client.on('ready', () => {
    if (lastLogged !== '') log('redis: connected again');
    lastLogged = '';
  });
  try {
    await client.connect();
  } catch (error) {
    try {
      client.destroy();
    } catch {
      // Already closed by the failed attempt.
    }
    const where = redactRedisUrl(url);
    throw new StoreUnavailableError(`REDIS_URL ${where}: cannot connect (${messageOf(error)}); start Redis or unset REDIS_URL to keep sessions in memory`);
  }
  hasConnected = true;
  const guard = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${commandTimeoutMs} ms`)), commandTimeoutMs);
    });
    try {
      return await Promise.race([run(), deadline]);
    } catch (error) {
      throw new StoreUnavailableError(`redis ${what}: ${messageOf(error)}`);
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    client,
    get: (key) => guard('GET', () => client.get(prefix + key)),
    set: (key, value, ttlSeconds) => guard('SET', async () => void (await client.set(prefix + key, value, { expiration: { type: 'EX', value: ttlSeconds } }))),
    delete: (key) => guard('DEL', async () => void (await client.del(prefix + key))),
    ping: () => guard('PING', async () => void (await client.ping())),
    async close() {
      // quit() waits for Redis: give it a moment, then drop the connection.
      if (client.isReady) await guard('QUIT', () => client.close()).catch(() => undefined);
      if (client.isOpen) client.destroy();
    },
  };
}

/** An error's message, also for errors made in another realm (Node's own, under jest). */
function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string' && error.message !== '') return error.message;
  if (typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string') return error.name;
  return String(error);
}
