import fs from 'node:fs';
import path from 'node:path';
import { readCredentialsFile } from '../../src/bootstrap/dev-access';
// HTTP helpers for API tests: the delivery GraphQL API and Strapi's REST API, both over
// real HTTP against the CMS started by global-setup.ts.

/** GraphQL results are checked field by field in tests; this is the one loose type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface GqlResult {
  readonly status: number;
  readonly headers: Headers;
  readonly data: Json;
  readonly errors: Array<{ message: string; extensions?: { code?: string } }> | undefined;
}

export const cmsUrl = (): string => {
  const url = process.env.BAOBAB_TEST_CMS_URL;
  if (!url) throw new Error('BAOBAB_TEST_CMS_URL is not set: run API tests through jest (global-setup boots the CMS)');
  return url;
};

export async function postGraphql(body: string, headers: Record<string, string> = {}): Promise<GqlResult> {
  const response = await fetch(`${cmsUrl()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  const parsed: Json = text === '' ? {} : JSON.parse(text);
  return { status: response.status, headers: response.headers, data: parsed.data, errors: parsed.errors };
}

export const gql = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) =>
  postGraphql(JSON.stringify({ query, variables }), headers);

/** The delivery answer's data, failing the test with the errors when there are any. */
export async function gqlData(query: string, variables?: Record<string, unknown>): Promise<Json> {
  const result = await gql(query, variables);
  if (result.errors) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

export async function rest(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${cmsUrl()}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${process.env.BAOBAB_TEST_API_TOKEN ?? ''}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

/** A paragraph block, as Strapi's Blocks field stores it. */
export const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

let counter = 0;
/** A slug no other test uses. */
export const uniqueSlug = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter += 1)}`;

/** Creates and publishes an article through the REST API; returns its documentId. */
export async function createArticle(data: Record<string, unknown>, options: { locale?: string; status?: 'draft' | 'published' } = {}): Promise<string> {
  const query = `?locale=${options.locale ?? 'en'}&status=${options.status ?? 'published'}`;
  const response = await rest('POST', `/articles${query}`, { data: { body: [paragraph('Test body.')], ...data } });
  if (response.status !== 201 && response.status !== 200) throw new Error(`create article failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.data.documentId;
}

/** The one problem a refused save reports at `path`, failing when the save was not refused. */
export function problemAt(response: { status: number; body: Json }, path: string[]): { path: string[]; message: string } {
  expect(response.status).toBe(400);
  expect(response.body.error.name).toBe('ValidationError');
  const problem = response.body.error.details.errors.find((error: { path: string[] }) => error.path.join('.') === path.join('.'));
  if (!problem) throw new Error(`no problem at ${path.join('.')}: ${JSON.stringify(response.body.error)}`);
  return problem;
}

/** A call to the test CMS's admin API with a session token (`null`: none), as the admin panel makes it. */
export async function adminCall(method: 'GET' | 'POST' | 'PUT' | 'DELETE', route: string, body: unknown, auth: string | null): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${cmsUrl()}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(auth === null ? {} : { authorization: `Bearer ${auth}` }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

/**
 * Logs in as the test CMS's development admin (a super admin); the session token. The token is
 * kept in the CMS's data folder and reused by every test file of the run while the CMS still
 * accepts it: the CMS allows 5 admin logins per 5 minutes (BAOBAB_ADMIN_LOGIN_LIMIT), and a
 * login per file ran into that limit (429) when the files ran in another order.
 */
export async function adminLogin(): Promise<string> {
  const dataDir = process.env.BAOBAB_TEST_CMS_DATA_DIR;
  const credentials = dataDir === undefined ? null : readCredentialsFile(path.join(dataDir, 'dev-credentials.env'));
  if (!credentials || dataDir === undefined) throw new Error('no development credentials for the test CMS');
  const kept = path.join(dataDir, 'test-admin-token');
  const previous = fs.existsSync(kept) ? fs.readFileSync(kept, 'utf8').trim() : '';
  if (previous !== '' && (await adminCall('GET', '/admin/users/me', undefined, previous)).status === 200) return previous;
  const answer = await adminCall('POST', '/admin/login', { email: credentials.BAOBAB_ADMIN_EMAIL, password: credentials.BAOBAB_ADMIN_PASSWORD }, null);
  if (answer.status !== 200) throw new Error(`login failed: ${answer.status}`);
  const token = String(answer.body.data.token);
  fs.writeFileSync(kept, token);
  return token;
}
