// A field's path as the editor sees it: the label the edit view shows (the schema's
// `config.metadatas.<field>.edit.label`), then the entry of a repeatable component by its
// number and what it is for, then the component's field. So the message on a refused save
// says "Channel overrides 1 (WhatsApp) › Text", never `channelOverrides[0].text`.
import { isPlainObject } from '@baobab/kit';
import { isChannel } from '@baobab/channels/limits';
import { channelNames } from './channel-overrides';
import { pathSegments } from './problems';

/** The part of a Strapi content type or component schema that names fields. */
export interface LabelledSchema {
  readonly attributes: Readonly<Record<string, { readonly type?: string; readonly component?: string; readonly repeatable?: boolean } | undefined>>;
  readonly config?: { readonly metadatas?: Readonly<Record<string, { readonly edit?: { readonly label?: string } } | undefined>> };
}

/** Looks a component schema up by its uid (`content.channel-override`). */
export type ComponentLookup = (uid: string) => LabelledSchema | undefined;

/** `defaultLocale` → "Default locale": what an unlabelled field is called. */
function humanize(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const labelOf = (schema: LabelledSchema, field: string) => schema.config?.metadatas?.[field]?.edit?.label ?? humanize(field);

/** What an entry of a repeatable component is for, when it says: its channel ("WhatsApp"). */
function entryName(entry: unknown): string | null {
  if (!isPlainObject(entry)) return null;
  return isChannel(entry.channel) ? channelNames[entry.channel] : null;
}

/**
 * `channelOverrides[0].text` of an article whose first override is WhatsApp →
 * "Channel overrides 1 (WhatsApp) › Text"; `hostnames` → "Web addresses"; inside a JSON
 * field, the keys as written (`themeTokens.colors.primary` → "Theme colours › colors › primary").
 */
export function fieldLabel(path: string, schema: LabelledSchema, components: ComponentLookup, data: Record<string, unknown>): string {
  const parts: string[] = [];
  let current: LabelledSchema | undefined = schema;
  let value: unknown = data;
  const segments = pathSegments(path);
  for (let index = 0; index < segments.length; index += 1) {
    const segment = segments[index] ?? '';
    const attribute = current?.attributes[segment];
    if (current === undefined || attribute === undefined) {
      // Inside a JSON value, or a field the schema does not know: the rest as written, items counted from 1.
      parts.push(...segments.slice(index).map((rest) => (/^\d+$/.test(rest) ? `item ${Number(rest) + 1}` : rest)));
      break;
    }
    let label = labelOf(current, segment);
    value = isPlainObject(value) ? value[segment] : undefined;
    if (attribute.type === 'component' && attribute.component !== undefined) {
      const next = segments[index + 1];
      if (attribute.repeatable === true && next !== undefined && /^\d+$/.test(next)) {
        value = Array.isArray(value) ? value[Number(next)] : undefined;
        const name = entryName(value);
        label = `${label} ${Number(next) + 1}${name === null ? '' : ` (${name})`}`;
        index += 1;
      }
      current = components(attribute.component);
    } else {
      current = undefined;
    }
    parts.push(label);
  }
  return parts.join(' › ');
}

/**
 * The list view's column headers use the same labels as the edit view ("Summary", not
 * LEAD): each content type's and component's `config.metadatas.<field>.list.label` is
 * filled from its edit label (or the humanized name) where the schema gives none. The
 * content manager reads these when it first lays out a type.
 */
export function addListLabels(schemas: Iterable<unknown>): void {
  for (const schema of schemas) {
    if (!isPlainObject(schema) || !isPlainObject(schema.attributes)) continue;
    const config = isPlainObject(schema.config) ? schema.config : (schema.config = {});
    const metadatas = isPlainObject(config.metadatas) ? config.metadatas : (config.metadatas = {});
    for (const field of Object.keys(schema.attributes)) {
      const meta = isPlainObject(metadatas[field]) ? metadatas[field] : (metadatas[field] = {});
      const edit = isPlainObject(meta.edit) ? meta.edit : {};
      const list = isPlainObject(meta.list) ? meta.list : (meta.list = {});
      if (typeof list.label !== 'string') list.label = typeof edit.label === 'string' ? edit.label : humanize(field);
    }
  }
}
