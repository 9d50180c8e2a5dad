// The gateway's metrics: the kit's shared request and cache metrics (with a `channel`
// label) plus USSD hops and sessions and plugin writes (votes), on one registry per gateway.
import { client, createProcessMetrics, type Counter, type ProcessMetrics } from '@baobab/kit/metrics';

export interface ChatMetrics extends ProcessMetrics {
  /** `baobab_ussd_hops_total{site}`: every USSD callback answered for a known service code. */
  readonly ussdHops: Counter<'site'>;
  /** `baobab_ussd_sessions_total{site}`: USSD sessions started (a session id with no saved state). */
  readonly ussdSessions: Counter<'site'>;
  /** `baobab_plugin_writes_total{result}`: plugin mutations (votes) sent to the CMS: ok, refused (GraphQL errors), failed (CMS unreachable). */
  readonly pluginWrites: Counter<'result'>;
}

export function createChatMetrics(): ChatMetrics {
  const base = createProcessMetrics('chat', { withChannel: true });
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) => new client.Counter<L>({ name, help, labelNames, registers: [base.registry] });
  return {
    ...base,
    ussdHops: counter('baobab_ussd_hops_total', 'USSD callbacks answered, by site', ['site']),
    ussdSessions: counter('baobab_ussd_sessions_total', 'USSD sessions started, by site', ['site']),
    pluginWrites: counter('baobab_plugin_writes_total', 'Plugin writes (votes) sent to the CMS, by result: ok, refused, failed', ['result']),
  };
}
