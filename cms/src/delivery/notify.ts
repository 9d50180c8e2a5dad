// Tells front ends that content changed, so their page caches refresh within a second:
// a POST to each BAOBAB_NOTIFY_URLS entry with the shared BAOBAB_NOTIFY_SECRET header.
// Bursts of changes (a seed, a bulk publish) become one notice per 200 ms.
import { z } from 'zod';

export class NotifyConfigError extends Error {
  readonly code = 'NOTIFY_CONFIG_INVALID';
}

export function notifyTargets(env: NodeJS.ProcessEnv): { urls: string[]; secret: string } | null {
  const urls = (env.BAOBAB_NOTIFY_URLS ?? '').split(',').map((url) => url.trim()).filter(Boolean);
  if (urls.length === 0) return null;
  for (const url of urls) {
    if (!z.url({ protocol: /^https?$/ }).safeParse(url).success) {
      throw new NotifyConfigError(`BAOBAB_NOTIFY_URLS entry "${url}" is not an http(s) URL`);
    }
  }
  const secret = env.BAOBAB_NOTIFY_SECRET ?? '';
  if (secret.length < 16) throw new NotifyConfigError('BAOBAB_NOTIFY_SECRET must be set (16 characters or more) when BAOBAB_NOTIFY_URLS is');
  return { urls, secret };
}

export interface Notifier {
  /** Coalesces bursts: one notice per `delayMs`. */
  schedule(): void;
  /** Sends now (cancelling a scheduled one) and waits for the answers, at most 2 s. */
  now(): Promise<void>;
}

export function createNotifier(targets: { urls: string[]; secret: string }, log: (message: string) => void, delayMs = 200): Notifier {
  let timer: NodeJS.Timeout | null = null;
  // A front end that is down (still starting, say) is said once a minute, not once a write.
  const lastWarned = new Map<string, number>();
  const warn = (url: string, message: string) => {
    if (Date.now() - (lastWarned.get(url) ?? 0) < 60_000) return;
    lastWarned.set(url, Date.now());
    log(`notify ${url}: ${message}`);
  };
  const send = async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    await Promise.all(
      targets.urls.map((url) =>
        fetch(url, { method: 'POST', headers: { 'x-baobab-secret': targets.secret }, signal: AbortSignal.timeout(2000) })
          .then((response) => {
            if (!response.ok) warn(url, `answered ${response.status}`);
          })
          .catch((error: unknown) => warn(url, error instanceof Error ? error.message : String(error))),
      ),
    );
  };
  return {
    schedule() {
      timer ??= setTimeout(() => void send(), delayMs);
    },
    now: send,
  };
}
