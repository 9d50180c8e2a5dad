// Query limits checked before any resolver runs, so an abusive query costs a parse and a
// walk of its syntax tree, never database work.
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface QueryLimits {
  /** Characters of query text. */
  readonly maxQueryLength: number;
  /** Lexer tokens: stops pathological documents before they are built. */
  readonly maxTokens: number;
  /** Nesting of fields: `{ site { code } }` has depth 2. */
  readonly maxDepth: number;
  /** Aliased fields in the whole document. */
  readonly maxAliases: number;
  /** Request body bytes. */
  readonly maxBodyBytes: number;
}

export const defaultLimits: QueryLimits = {
  maxQueryLength: 20_000,
  maxTokens: 5_000,
  maxDepth: 10,
  maxAliases: 30,
  maxBodyBytes: 64 * 1024,
};

/** Field depth of the deepest operation, following fragment spreads. */
export function queryDepth(document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const depthOf = (selectionSet: SelectionSetNode | undefined, visiting: ReadonlySet<string>): number => {
    if (!selectionSet) return 0;
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      let depth = 0;
      if (selection.kind === Kind.FIELD) {
        depth = 1 + depthOf(selection.selectionSet, visiting);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        depth = depthOf(selection.selectionSet, visiting);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A cycle is reported by graphql's own validation; here it must only terminate.
        if (fragment && !visiting.has(name)) depth = depthOf(fragment.selectionSet, new Set([...visiting, name]));
      }
      deepest = Math.max(deepest, depth);
    }
    return deepest;
  };
  let deepest = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) deepest = Math.max(deepest, depthOf(definition.selectionSet, new Set()));
  }
  return deepest;
}

export function aliasCount(document: DocumentNode): number {
  let count = 0;
  const walk = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD && selection.alias) count += 1;
      if (selection.kind !== Kind.FRAGMENT_SPREAD) walk(selection.selectionSet);
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) {
      walk(definition.selectionSet);
    }
  }
  return count;
}

/** The first limit a parsed document breaks, as a GraphQL error with a stable code. */
export function checkLimits(document: DocumentNode, limits: QueryLimits): GraphQLError | null {
  const depth = queryDepth(document);
  if (depth > limits.maxDepth) {
    return new GraphQLError(`Query depth ${depth} exceeds the limit of ${limits.maxDepth}; ask for fewer nested levels.`, {
      extensions: { code: 'QUERY_TOO_DEEP' },
    });
  }
  const aliases = aliasCount(document);
  if (aliases > limits.maxAliases) {
    return new GraphQLError(`Query uses ${aliases} aliases; at most ${limits.maxAliases} are allowed.`, {
      extensions: { code: 'TOO_MANY_ALIASES' },
    });
  }
  return null;
}
