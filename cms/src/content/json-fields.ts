// JSON-backed fields as they arrive: Strapi's admin sends a JSON field's value as the text
// the editor typed, REST and scripts send the parsed value. Text that parses becomes the
// value before validation and storage; text that does not gets a message a person reads.
import type { FieldProblem } from './problems';

/** What a field holds, and an example an editor can copy. */
interface JsonField {
  readonly shape: 'list' | 'object';
  readonly example: string;
}

const SITES: JsonField = { shape: 'list', example: '["kijana-ke", "mama-ng"]' };

/** Every JSON attribute of Baobab's content types, by type UID. */
export const JSON_FIELDS: Readonly<Record<string, Readonly<Record<string, JsonField>>>> = {
  'api::site.site': {
    hostnames: { shape: 'list', example: '["kijana-ke.localhost"]' },
    locales: { shape: 'list', example: '["en-KE", "sw-KE"]' },
    channels: { shape: 'object', example: '{"sms": {"shortCode": "21393"}}' },
    themeTokens: { shape: 'object', example: '{"colors": {"primary": "#0b6e4f"}}' },
    plugins: { shape: 'list', example: '["polls"]' },
  },
  'api::article.article': { sites: SITES, tags: { shape: 'list', example: '["hiv", "testing"]' } },
  'api::page.page': { sites: SITES },
  'api::banner.banner': { sites: SITES },
  'api::section.section': { sites: SITES },
};

function unreadable(field: string, { shape, example }: JsonField): FieldProblem {
  const how =
    shape === 'list'
      ? 'square brackets around the items, each in double quotes, separated by commas'
      : 'curly braces around "name": value pairs, names in double quotes';
  return { path: field, message: `Write ${shape === 'list' ? 'a list' : 'an object'} like ${example}: ${how}.` };
}

/**
 * The write's data with every JSON field given as text replaced by the value it spells
 * (blank text is no value), or the fields whose text is not JSON. Other fields, and JSON
 * fields given as values, pass through untouched; `data` itself is not changed.
 */
export function parseJsonFields(uid: string, data: Readonly<Record<string, unknown>>): { data: Record<string, unknown>; problems: FieldProblem[] } {
  const fields = JSON_FIELDS[uid] ?? {};
  const parsed: Record<string, unknown> = { ...data };
  const problems: FieldProblem[] = [];
  for (const [name, field] of Object.entries(fields)) {
    const value = data[name];
    if (typeof value !== 'string') continue;
    if (value.trim() === '') {
      parsed[name] = null;
      continue;
    }
    try {
      const json: unknown = JSON.parse(value);
      parsed[name] = json;
    } catch {
      problems.push(unreadable(name, field));
    }
  }
  return { data: parsed, problems };
}
