// Query limits checked before any resolver runs, so an abusive query costs a parse and a
// walk of its syntax tree, never database work. Every count is taken after fragment
// expansion (a fragment spread three times counts three times), and fragments are
// measured once each, so a fragment bomb costs a linear walk.
import {
  GraphQLError,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { pluginListSizes } from '../plugins';

export interface QueryLimits {
  /** Characters of query text. */
  readonly maxQueryLength: number;
  /** Lexer tokens: stops pathological documents before they are built. */
  readonly maxTokens: number;
  /** Nesting of fields: `{ site { code } }` has depth 2. */
  readonly maxDepth: number;
  /** Aliased fields, counted after fragment expansion. */
  readonly maxAliases: number;
  /** Fields, counted after fragment expansion (not multiplied by list sizes). */
  readonly maxFields: number;
  /** Estimated cost: every field 1 (article and page bodies 10, search 20), times the list sizes above it. */
  readonly maxCost: number;
  /** Bytes of text an answer may carry; past it the request stops with RESPONSE_TOO_LARGE. */
  readonly maxResponseBytes: number;
  /** Wall time of one execution; past it the request stops with QUERY_TIMEOUT. */
  readonly maxExecutionMs: number;
  /** Request body bytes. */
  readonly maxBodyBytes: number;
}

export const defaultLimits: QueryLimits = {
  maxQueryLength: 20_000,
  maxTokens: 5_000,
  maxDepth: 10,
  maxAliases: 30,
  maxFields: 500,
  maxCost: 2_500,
  maxResponseBytes: 2 * 1024 * 1024,
  maxExecutionMs: 2_000,
  maxBodyBytes: 64 * 1024,
};

/** Page size assumed for connection fields (`articles`, `search`) when `first` is not given; the API's default. */
const DEFAULT_PAGE = 10;
/** Size assumed for lists that take no `first`: what a large site plausibly holds. */
export const listEstimates: Readonly<Record<string, number>> = {
  'Query.sites': 100,
  'Site.locales': 10,
  'Site.navigation': 20,
  'Site.pages': 20,
  'Site.banners': 10,
  'Section.children': 20,
};
const DEFAULT_LIST = 20;
/** Fields that cost more than 1: bodies are the bulk of an answer, search reads the database. */
export const fieldWeights: Readonly<Record<string, number>> = {
  'Article.body': 10,
  'Page.body': 10,
  'Article.channelText': 2,
  'Site.search': 20,
};

export interface DocumentShape {
  /** Deepest field nesting of any operation. */
  readonly depth: number;
  /** Fields of the largest operation, after fragment expansion. */
  readonly fields: number;
  /** Aliases of the largest operation, after fragment expansion. */
  readonly aliases: number;
}

interface Tally {
  depth: number;
  fields: number;
  aliases: number;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/** Depth, fields and aliases as if every fragment spread were written out in place. */
export function measureDocument(document: DocumentNode): DocumentShape {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, Tally>();
  const visiting = new Set<string>();

  const tally = (selectionSet: SelectionSetNode | undefined): Tally => {
    const total: Tally = { depth: 0, fields: 0, aliases: 0 };
    for (const selection of selectionSet?.selections ?? []) {
      let part: Tally;
      if (selection.kind === Kind.FIELD) {
        const inner = tally(selection.selectionSet);
        part = { depth: inner.depth + 1, fields: inner.fields + 1, aliases: inner.aliases + (selection.alias ? 1 : 0) };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        part = tally(selection.selectionSet);
      } else {
        part = fragmentTally(selection.name.value);
      }
      total.depth = Math.max(total.depth, part.depth);
      total.fields += part.fields;
      total.aliases += part.aliases;
    }
    return total;
  };

  const fragmentTally = (name: string): Tally => {
    const known = memo.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    // A cycle or an unknown fragment is reported by graphql's validation; here it must only terminate.
    if (!fragment || visiting.has(name)) return { depth: 0, fields: 0, aliases: 0 };
    visiting.add(name);
    const result = tally(fragment.selectionSet);
    visiting.delete(name);
    memo.set(name, result);
    return result;
  };

  const shape = { depth: 0, fields: 0, aliases: 0 };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const operation = tally(definition.selectionSet);
    shape.depth = Math.max(shape.depth, operation.depth);
    shape.fields = Math.max(shape.fields, operation.fields);
    shape.aliases = Math.max(shape.aliases, operation.aliases);
  }
  return shape;
}

/** Field depth of the deepest operation, following fragment spreads. */
export const queryDepth = (document: DocumentNode): number => measureDocument(document).depth;

/** Aliases of the largest operation, each fragment counted once per spread. */
export const aliasCount = (document: DocumentNode): number => measureDocument(document).aliases;

/** True when every root field of every operation is introspection (`__schema`, `__type`, `__typename`). */
export function isIntrospectionOnly(document: DocumentNode): boolean {
  const fragments = fragmentsOf(document);
  const rootsAreMeta = (selectionSet: SelectionSetNode, seen: ReadonlySet<string>): boolean =>
    selectionSet.selections.every((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value.startsWith('__');
      if (selection.kind === Kind.INLINE_FRAGMENT) return rootsAreMeta(selection.selectionSet, seen);
      const fragment = fragments.get(selection.name.value);
      return fragment !== undefined && !seen.has(fragment.name.value) && rootsAreMeta(fragment.selectionSet, new Set([...seen, fragment.name.value]));
    });
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  return operations.length > 0 && operations.every((operation) => rootsAreMeta(operation.selectionSet, new Set()));
}

/** The first structural limit a parsed document breaks, as a GraphQL error with a stable code. */
export function checkLimits(document: DocumentNode, limits: QueryLimits): GraphQLError | null {
  const shape = measureDocument(document);
  if (shape.depth > limits.maxDepth) {
    return new GraphQLError(`Query depth ${shape.depth} exceeds the limit of ${limits.maxDepth}; ask for fewer nested levels.`, {
      extensions: { code: 'QUERY_TOO_DEEP' },
    });
  }
  if (shape.aliases > limits.maxAliases) {
    return new GraphQLError(
      `Query uses ${shape.aliases} aliases (fragments counted each time they are spread); at most ${limits.maxAliases} are allowed.`,
      { extensions: { code: 'TOO_MANY_ALIASES' } },
    );
  }
  if (shape.fields > limits.maxFields) {
    return new GraphQLError(
      `Query selects ${shape.fields} fields (fragments counted each time they are spread); at most ${limits.maxFields} are allowed.`,
      { extensions: { code: 'TOO_MANY_FIELDS' } },
    );
  }
  return null;
}

function selectedOperation(document: DocumentNode, operationName: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (operationName === null) return operations.length === 1 ? operations[0] : undefined;
  return operations.find((operation) => operation.name?.value === operationName);
}

/** An integer argument's value, literal or from the request's variables; null when absent or not an integer. */
function intArgument(field: FieldNode, name: string, variables: Readonly<Record<string, unknown>>): number | null {
  const argument = field.arguments?.find((arg) => arg.name.value === name);
  if (!argument) return null;
  const value: ValueNode = argument.value;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return typeof given === 'number' && Number.isInteger(given) ? given : null;
  }
  return null;
}

const unwrap = (type: GraphQLOutputType): { isList: boolean; named: ReturnType<typeof getNamedType> } => {
  const inner = isNonNullType(type) ? type.ofType : type;
  return { isList: isListType(inner), named: getNamedType(type) };
};

/**
 * The estimated cost of the operation a request runs: each field costs its weight (1 unless
 * listed in `fieldWeights`), and everything below a list costs once per item it can hold —
 * `first` (default 10) for connections, `listEstimates` for plain lists. A validated
 * document is assumed; unknown fields cost 1. Fragments are priced once per parent type.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null,
  variables: Readonly<Record<string, unknown>>,
): number {
  const operation = selectedOperation(document, operationName);
  const root = operation ? (operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType()) : null;
  if (!operation || !root) return 0;
  const fragments = fragmentsOf(document);
  const pluginLists = pluginListSizes();
  const memo = new Map<string, number>();
  const visiting = new Set<string>();

  const selectionCost = (selectionSet: SelectionSetNode | undefined, type: GraphQLObjectType, pageSize: number): number => {
    let total = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) total += fieldCost(selection, type, pageSize);
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += selectionCost(selection.selectionSet, type, pageSize);
      else total += fragmentCost(selection.name.value, type, pageSize);
    }
    return total;
  };

  const fragmentCost = (name: string, type: GraphQLObjectType, pageSize: number): number => {
    const key = `${name}@${type.name}@${pageSize}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || visiting.has(name)) return 0;
    visiting.add(name);
    const cost = selectionCost(fragment.selectionSet, type, pageSize);
    visiting.delete(name);
    memo.set(key, cost);
    return cost;
  };

  const fieldCost = (field: FieldNode, parent: GraphQLObjectType, pageSize: number): number => {
    const name = field.name.value;
    const coordinate = `${parent.name}.${name}`;
    const weight = fieldWeights[coordinate] ?? 1;
    const definition = name.startsWith('__') ? undefined : parent.getFields()[name];
    if (!definition || !field.selectionSet) return weight;
    const { isList, named } = unwrap(definition.type);
    if (!isObjectType(named)) return weight;
    if (named.name.endsWith('Connection')) {
      // The page size of a connection multiplies what is asked of its nodes.
      const first = intArgument(field, 'first', variables) ?? DEFAULT_PAGE;
      return weight + selectionCost(field.selectionSet, named, Math.max(first, 0));
    }
    const items = isList ? (name === 'nodes' ? pageSize : (listEstimates[coordinate] ?? pluginLists.get(coordinate) ?? DEFAULT_LIST)) : 1;
    return weight + items * selectionCost(field.selectionSet, named, pageSize);
  };

  return selectionCost(operation.selectionSet, root, DEFAULT_PAGE);
}

/** The cost error for a request over budget, or null. */
export function checkCost(cost: number, limits: QueryLimits): GraphQLError | null {
  if (cost <= limits.maxCost) return null;
  return new GraphQLError(
    `Query cost is estimated at ${Math.round(cost)}; at most ${limits.maxCost} is allowed. Ask for fewer items (first), fewer aliases or no bodies in lists.`,
    { extensions: { code: 'QUERY_TOO_COSTLY' } },
  );
}
