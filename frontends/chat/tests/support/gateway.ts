// Starts a real gateway in this test process on a free loopback port, pointed at the
// test CMS and at the provider stand-ins.
import { loadConfig } from '../../src/config';
import { startGateway, type RunningGateway } from '../../src/server/start';
import { PROVIDER_TOKENS, type Providers } from './providers';
import { TEST_SECRETS } from './secrets';

export { TEST_SECRETS };

export function cmsUrl(): string {
  const url = process.env.BAOBAB_TEST_CHAT_CMS_URL;
  if (!url) throw new Error('BAOBAB_TEST_CHAT_CMS_URL is not set: run through jest --selectProjects chat-http');
  return url;
}

export async function startTestGateway(providers: Providers | null, env: Record<string, string> = {}): Promise<RunningGateway> {
  const base = providers?.url ?? 'http://127.0.0.1:9';
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    // Many gateways run in one test process: no metrics server unless a test asks (env).
    METRICS_PORT: 'off',
    CMS_URL: cmsUrl(),
    WHATSAPP_API_URL: `${base}/v21.0`,
    WHATSAPP_TOKEN: PROVIDER_TOKENS.whatsapp,
    WHATSAPP_APP_SECRET: TEST_SECRETS.whatsappApp,
    WHATSAPP_VERIFY_TOKEN: TEST_SECRETS.whatsappVerify,
    TELEGRAM_API_URL: base,
    TELEGRAM_BOT_TOKEN: PROVIDER_TOKENS.telegram,
    TELEGRAM_SECRET_TOKEN: TEST_SECRETS.telegram,
    SMS_API_URL: `${base}/version1/messaging`,
    SMS_API_KEY: PROVIDER_TOKENS.sms,
    SMS_USERNAME: 'baobab',
    SMS_WEBHOOK_SECRET: TEST_SECRETS.smsWebhook,
    BAOBAB_NOTIFY_SECRET: TEST_SECRETS.notify,
    BAOBAB_WRITE_SECRET: TEST_SECRETS.write,
    ...env,
  });
  return startGateway(config, () => undefined);
}

/** An Africa's Talking USSD callback; answers the response's status, type and body. */
export async function dial(gateway: string, fields: Record<string, string>): Promise<{ status: number; type: string; body: string }> {
  const response = await fetch(`${gateway}/ussd/africastalking`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}

/** A gateway on the port the test CMS notifies of every change and window boundary (one at a time). */
export async function startNotifiedGateway(): Promise<RunningGateway> {
  const port = process.env.BAOBAB_TEST_CHAT_NOTIFIED_PORT;
  if (!port) throw new Error('BAOBAB_TEST_CHAT_NOTIFIED_PORT is not set: run through jest --selectProjects chat-http');
  return startTestGateway(null, { PORT: port });
}

/** Strapi's REST API of the test CMS with its full-access token, for arranging content. */
export async function cmsRest(method: 'GET' | 'POST' | 'PUT' | 'DELETE', pathname: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${cmsUrl()}/api${pathname}`, {
    method,
    headers: { authorization: `Bearer ${process.env.BAOBAB_TEST_CHAT_API_TOKEN ?? ''}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}
