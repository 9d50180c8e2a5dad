// Request bodies within a size limit, for every Baobab HTTP server (the CMS's delivery API,
// the mobi-site, the chat gateway). A body over the limit is not buffered: what is left of
// it is read and dropped, within bounds, so the client gets to read our 413 instead of a
// reset connection (closing a socket with unread data makes the kernel send a reset).
import type { IncomingMessage } from 'node:http';

export interface BodyLimits {
  /** Bytes a body may have. */
  readonly maxBytes: number;
  /** Bytes of an oversized body read and dropped before giving up on it. */
  readonly discardBytes: number;
  /** Time spent dropping an oversized body before giving up on it. */
  readonly discardMs: number;
}

export const defaultBodyLimits: BodyLimits = { maxBytes: 64 * 1024, discardBytes: 32 * 1024 * 1024, discardMs: 5000 };

export type BodyResult =
  | { readonly ok: true; readonly body: Buffer }
  /** Over `maxBytes`. `drained`: the rest was read, so the connection may answer and stay open; otherwise answer with `Connection: close`. */
  | { readonly ok: false; readonly reason: 'too-large'; readonly drained: boolean }
  | { readonly ok: false; readonly reason: 'unreadable'; readonly drained: false };

/** Reads and drops what is left of a body, within the discard bounds; true when it ended. */
export function discardBody(req: IncomingMessage, limits: Pick<BodyLimits, 'discardBytes' | 'discardMs'> = defaultBodyLimits): Promise<boolean> {
  if (req.complete) return Promise.resolve(true);
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (hasEnded: boolean) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onFail);
      req.off('close', onClose);
      if (!hasEnded) req.pause();
      resolve(hasEnded);
    };
    const onData = (chunk: Buffer | string) => {
      seen += chunk.length;
      if (seen > limits.discardBytes) finish(false);
    };
    const onEnd = () => finish(true);
    const onFail = () => finish(false);
    const onClose = () => finish(req.complete);
    const timer = setTimeout(() => finish(false), limits.discardMs);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onFail);
    req.once('close', onClose);
    req.resume();
  });
}

/** The whole body when it is within `maxBytes`; otherwise why not, after dropping the rest. */
export function readBody(req: IncomingMessage, limits: BodyLimits = defaultBodyLimits): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limits.maxBytes) return discardBody(req, limits).then((drained) => ({ ok: false, reason: 'too-large', drained }));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer | string) => {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      size += buffer.length;
      if (size <= limits.maxBytes) {
        chunks.push(buffer);
        return;
      }
      stop();
      chunks.length = 0;
      void discardBody(req, limits).then((drained) => resolve({ ok: false, reason: 'too-large', drained }));
    };
    const onEnd = () => {
      stop();
      resolve({ ok: true, body: Buffer.concat(chunks) });
    };
    const onError = () => {
      stop();
      resolve({ ok: false, reason: 'unreadable', drained: false });
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onError);
  });
}
