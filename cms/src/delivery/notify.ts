// Tells front ends that content changed, so their page caches refresh within a second:
// a POST to each BAOBAB_NOTIFY_URLS entry with the shared BAOBAB_NOTIFY_SECRET header.
// Bursts of changes (a seed, a bulk publish) become one notice per 200 ms.
// Its URLs and secret are checked in env.ts.

export interface NotifyTargets {
  readonly urls: readonly string[];
  readonly secret: string;
}

export interface Notifier {
  /** Coalesces bursts: one notice per `delayMs`. */
  schedule(): void;
  /** Sends now (cancelling a scheduled one) and waits for the answers, at most 2 s. */
  now(): Promise<void>;
}

export function createNotifier(targets: NotifyTargets, log: (message: string) => void, delayMs = 200): Notifier {
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
