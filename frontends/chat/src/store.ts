// Where conversations live between messages: in this process by default, in Redis when
// REDIS_URL is set so every gateway replica sees the same sessions. Values are JSON text
// with a time to live; callers parse what they read (it may be old or foreign).
import { createClient } from 'redis';

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

export async function createRedisStore(url: string, prefix = 'baobab:chat:'): Promise<Store> {
  const client = createClient({ url, socket: { connectTimeout: 5000, reconnectStrategy: (retries) => Math.min(retries * 200, 5000) } });
  client.on('error', (error: unknown) => console.error(`chat: redis: ${error instanceof Error ? error.message : String(error)}`));
  await client.connect();
  return {
    async get(key) {
      return client.get(prefix + key);
    },
    async set(key, value, ttlSeconds) {
      await client.set(prefix + key, value, { expiration: { type: 'EX', value: ttlSeconds } });
    },
    async delete(key) {
      await client.del(prefix + key);
    },
    async close() {
      await client.quit();
    },
  };
}
