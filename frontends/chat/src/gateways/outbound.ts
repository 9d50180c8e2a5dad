// Sending to providers: every payload is checked against its channel's limits first (a
// renderer over a limit is a bug: that message is logged and not sent), then POSTed in
// order. A provider that fails is logged; the reader's next message tries again.
import type { Input } from '../conversation';
import type { Runtime } from './runtime';

export interface Outgoing {
  readonly url: string;
  readonly headers: Record<string, string>;
  /** JSON bodies are sent as JSON, URLSearchParams as a form. */
  readonly body: Record<string, unknown> | URLSearchParams;
  /** Channel-limit problems of this payload (from validate.ts); sent only when empty. */
  readonly problems: readonly string[];
  readonly what: string;
}

/** A provider's error text as logged: any run of 7–15 digits (a reader's number it may echo) masked. */
export const withoutNumbers = (text: string) => text.replace(/\+?\d(?:[\s-]?\d){6,14}/g, '***');

export async function sendAll(runtime: Runtime, messages: readonly Outgoing[]): Promise<number> {
  let sent = 0;
  for (const message of messages) {
    if (message.problems.length > 0) {
      runtime.log(`CHANNEL_LIMIT: not sending ${message.what}: ${message.problems.join('; ')}`);
      continue;
    }
    const isForm = message.body instanceof URLSearchParams;
    try {
      const response = await fetch(message.url, {
        method: 'POST',
        headers: { ...message.headers, 'content-type': isForm ? 'application/x-www-form-urlencoded' : 'application/json', accept: 'application/json' },
        body: isForm ? message.body.toString() : JSON.stringify(message.body),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) {
        runtime.log(`PROVIDER_ERROR: ${message.what} answered ${response.status}: ${withoutNumbers((await response.text().catch(() => '')).slice(0, 200))}`);
        continue;
      }
      await response.arrayBuffer().catch(() => undefined);
      sent += 1;
    } catch (error) {
      runtime.log(`PROVIDER_UNREACHABLE: ${message.what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return sent;
}

/**
 * What a reader's typed text means on any text channel: a command word (in English or
 * their UI language), a menu number, or nothing we know.
 */
export function textInput(text: string, labels: { more: string; back: string; home: string }): Input {
  const word = text.trim().toLowerCase();
  if (word === 'more' || word === labels.more.toLowerCase()) return { kind: 'more' };
  if (word === 'back' || word === labels.back.toLowerCase()) return { kind: 'back' };
  if (['menu', 'home', 'start', '/start', 'hi', 'hello', labels.home.toLowerCase()].includes(word)) return { kind: 'home' };
  if (/^\d{1,3}$/.test(word)) return { kind: 'number', value: Number(word) };
  return word === '' ? { kind: 'unknown' } : { kind: 'text', text: text.trim().slice(0, 200) };
}
