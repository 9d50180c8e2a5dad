// Structured logs: one JSON object per line on stdout (pino), with the process's name, an
// ISO time and the current request's id (request-id.ts) when there is one. Ship the lines
// as they are to any collector that reads JSON (Loki, Elasticsearch, CloudWatch, journald).
import pino, { type Logger, type LevelWithSilent } from 'pino';
import type { LogLevel } from './env';
import { currentRequestId } from './request-id';

export type { Logger } from 'pino';

export { logLevels, type LogLevel } from './env';

export interface LoggerOptions {
  /** `cms`, `mobi`, `chat`: the `process` field of every line. */
  readonly name: string;
  /** Lowest level written; `info` by default. `http` sits between `debug` and `info` (one line per request). */
  readonly level?: LogLevel;
  /** Where lines go; stdout by default (tests pass a stream). */
  readonly destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions): Logger<'http'> {
  const level = (options.level ?? 'info') as LevelWithSilent | 'http';
  return pino<'http'>(
    {
      level,
      customLevels: { http: 25 },
      base: { process: options.name },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId === undefined ? {} : { requestId };
      },
    },
    // Synchronous writes: a line is out before a crash, and tests read it at once.
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
