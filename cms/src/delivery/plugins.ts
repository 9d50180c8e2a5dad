// Plugins' delivery halves, merged into the delivery schema. A field a plugin adds to `Site`
// answers PLUGIN_NOT_ENABLED on a site whose `plugins` list does not name the plugin; a field
// it adds to `Mutation` takes the site's code (`site`) and a reader id (`reader`), needs the
// front end's write secret, and is rate-limited per site and reader. Every plugin resolver
// gets the plugin context (PluginDeliveryContext), never the core one.
import type { DeliveryHalf, PluginDeliveryContext, PluginResolver } from '@baobab/plugin-api';
import { Kind, parse, type GraphQLFieldResolver } from 'graphql';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { badInput, DeliveryError } from './errors';
import type { SiteRecord } from './records';

/** What a plugin resolver's wrapper needs from the core context of one execution. */
export interface PluginHost {
  readonly plugin: PluginDeliveryContext;
  readonly index: { readonly sitesByCode: ReadonlyMap<string, SiteRecord> };
}

export interface DeliveryPlugin {
  readonly name: string;
  readonly title: string;
  readonly half: DeliveryHalf;
}

type Resolvers = Record<string, Record<string, GraphQLFieldResolver<unknown, PluginHost>>>;

const DEFAULT_WRITES_PER_MINUTE = 60;
const MAX_READER_LENGTH = 200;

const notEnabled = (title: string, site: string) =>
  new DeliveryError('PLUGIN_NOT_ENABLED', `${title} is not enabled on site ${site}; the site's plugins list must name it.`);

/** The fields a plugin's type definitions add to `type` (`extend type Site { … }`). */
function extendedFields(typeDefs: string, type: string): string[] {
  return parse(typeDefs).definitions.flatMap((definition) =>
    definition.kind === Kind.OBJECT_TYPE_EXTENSION && definition.name.value === type ? (definition.fields ?? []).map((field) => field.name.value) : [],
  );
}

function resolverOf(half: DeliveryHalf, type: string, field: string, plugin: string): PluginResolver {
  const resolve = half.resolvers[type]?.[field];
  if (!resolve) throw new Error(`plugins[${plugin}].delivery: ${type}.${field} has no resolver`);
  return resolve;
}

/** The type definitions and resolvers the installed plugins add to the core schema. */
export function pluginSchema(plugins: readonly DeliveryPlugin[]): { typeDefs: string[]; resolvers: Resolvers } {
  const typeDefs: string[] = [];
  const resolvers: Resolvers = {};
  const add = (type: string, field: string, resolve: GraphQLFieldResolver<unknown, PluginHost>) => {
    resolvers[type] = { ...resolvers[type], [field]: resolve };
  };
  const hasMutations = plugins.some(({ half }) => extendedFields(half.typeDefs, 'Mutation').length > 0);
  if (hasMutations) typeDefs.push('type Mutation');
  for (const { name, title, half } of plugins) {
    typeDefs.push(half.typeDefs);
    const siteFields = extendedFields(half.typeDefs, 'Site');
    const mutationFields = extendedFields(half.typeDefs, 'Mutation');
    for (const field of siteFields) {
      const resolve = resolverOf(half, 'Site', field, name);
      add('Site', field, (site, args, host, info) => {
        const record = site as SiteRecord;
        if (!record.plugins.includes(name)) throw notEnabled(title, record.code);
        return resolve(record, args, host.plugin, info);
      });
    }
    for (const field of mutationFields) {
      const resolve = resolverOf(half, 'Mutation', field, name);
      const limiter = new RateLimiterMemory({ points: half.rateLimits?.[field] ?? DEFAULT_WRITES_PER_MINUTE, duration: 60 });
      add('Mutation', field, async (_root, args, host, info) => {
        const code = args.site;
        if (typeof code !== 'string') throw badInput(`${field} needs the site's code (site)`);
        const site = host.index.sitesByCode.get(code);
        if (!site) throw new DeliveryError('SITE_NOT_FOUND', `No published site has the code "${code}".`);
        if (!site.plugins.includes(name)) throw notEnabled(title, site.code);
        if (!host.plugin.caller) {
          throw new DeliveryError('UNAUTHENTICATED', `${field} is a write: send the front end's write secret as Authorization: Bearer <BAOBAB_WRITE_SECRET>.`);
        }
        const reader = args.reader;
        if (typeof reader !== 'string' || reader.length === 0 || reader.length > MAX_READER_LENGTH) {
          throw badInput(`reader must be an id of 1 to ${MAX_READER_LENGTH} characters`);
        }
        try {
          await limiter.consume(`${site.code}:${reader}`);
        } catch {
          throw new DeliveryError('RATE_LIMITED', `Too many ${field} calls from this reader on ${site.code}; try again in a minute.`);
        }
        return resolve(site, args, host.plugin, info);
      });
    }
    for (const [type, fields] of Object.entries(half.resolvers)) {
      if (type === 'Site' || type === 'Mutation') continue;
      for (const [field, resolve] of Object.entries(fields)) add(type, field, (source, args, host, info) => resolve(source, args, host.plugin, info));
    }
  }
  return { typeDefs, resolvers };
}
