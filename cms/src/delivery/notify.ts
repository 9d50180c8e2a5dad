// Tells front ends that content changed, so their caches refresh within a second: a POST
// of the change (JSON, @baobab/kit/changes) to each BAOBAB_NOTIFY_URLS entry with the
// shared BAOBAB_NOTIFY_SECRET header. The delivery service gathers bursts into one change.
// Its URLs and secret are checked in env.ts. With REDIS_URL, replicas hear changes on
// Redis as well; a front end applies a change once, however it arrives.
import type { ContentChange } from '@baobab/kit/changes';

export interface NotifyTargets {
  readonly urls: readonly string[];
  readonly secret: string;
}

export interface Notifier {
  /** Posts the change to every target and waits for the answers, at most 2 s. */
  send(change: ContentChange): Promise<void>;
}

export function createNotifier(targets: NotifyTargets, log: (message: string) => void): Notifier {
  // A front end that is down (still starting, say) is said once a minute, not once a write.
  const lastWarned = new Map<string, number>();
  const warn = (url: string, message: string) => {
    if (Date.now() - (lastWarned.get(url) ?? 0) < 60_000) return;
    lastWarned.set(url, Date.now());
    log(`notify ${url}: ${message}`);
  };
  return {
    async send(change) {
      const body = JSON.stringify(change);
      await Promise.all(
        targets.urls.map((url) =>
          fetch(url, { method: 'POST', headers: { 'x-baobab-secret': targets.secret, 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(2000) })
            .then((response) => {
              if (!response.ok) warn(url, `answered ${response.status}`);
            })
            .catch((error: unknown) => warn(url, error instanceof Error ? error.message : String(error))),
        ),
      );
    },
  };
}
