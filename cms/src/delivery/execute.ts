// One GraphQL request, from parsed HTTP body to JSON result: size check, parse (with a
// byte-bounded cache of parsed and validated documents), limits, validation, cost, then
// execution under a time and answer-size budget, and errors turned into stable codes
// with no stack traces.
import crypto from 'node:crypto';
import {
  defaultFieldResolver,
  execute,
  getNamedType,
  GraphQLError,
  isObjectType,
  Kind,
  NoSchemaIntrospectionCustomRule,
  parse,
  print,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { DeliveryError } from './errors';
import { checkCost, checkLimits, estimateCost, isIntrospectionOnly, type QueryLimits } from './limits';

export interface GraphQLRequest {
  readonly query: string;
  readonly variables: Record<string, unknown> | null;
  readonly operationName: string | null;
  /** GET or POST: a mutation is refused over GET (GraphQL over HTTP). Absent means POST. */
  readonly method?: 'GET' | 'POST';
  /** A front end that proved the write secret; null or absent for a public client. */
  readonly caller?: { readonly client: string } | null;
}

export interface GraphQLResponse {
  /**
   * The status under `application/graphql-response+json`: 200 when the request ran, 4xx when
   * it was refused before running, 500 for our own failures. Under `application/json` every
   * answer but 500 is sent as 200 (GraphQL over HTTP).
   */
  readonly status: number;
  readonly body: { data?: unknown; errors?: GraphQLFormattedError[] };
}

/** What one request's execution may still spend: the clock and the bytes of its answer. */
export interface ExecutionBudget {
  readonly deadline: number;
  bytesLeft: number;
  stopped: DeliveryError | null;
}

/** A request ready to run: its cache key (the printed query, operation and the variables it declares). */
export interface Plan {
  readonly key: string;
  /** A mutation: never cached, refused over GET. */
  readonly isMutation: boolean;
  run(makeContext: (budget: ExecutionBudget) => object): Promise<GraphQLResponse>;
}

export interface Executor {
  /** Checks a request up to execution; an error answer when it is refused. */
  plan(request: GraphQLRequest): Plan | { error: GraphQLResponse };
}

type Prepared = { document: DocumentNode; canonical: string; isIntrospection: boolean } | { error: GraphQLResponse };

const errorResponse = (status: number, code: string, message: string): GraphQLResponse => ({
  status,
  body: { errors: [{ message, extensions: { code } }] },
});

/** Known client errors keep their message and code; anything else becomes a bare internal error. */
export function formatError(error: GraphQLError, log: (error: unknown) => void): GraphQLFormattedError {
  const original = error.originalError;
  const code = error.extensions.code;
  if (typeof code === 'string' && (!original || original instanceof GraphQLError)) {
    return { message: error.message, ...(error.locations ? { locations: error.locations } : {}), ...(error.path ? { path: error.path } : {}), extensions: { code } };
  }
  if (!original) {
    // Variable coercion and other request-shape errors raised by graphql itself.
    return { message: error.message, ...(error.locations ? { locations: error.locations } : {}), extensions: { code: 'BAD_USER_INPUT' } };
  }
  log(original);
  return { message: 'Internal server error', ...(error.path ? { path: error.path } : {}), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

const budgets = new WeakMap<object, ExecutionBudget>();

function spend(budget: ExecutionBudget, bytes: number, limits: QueryLimits): void {
  if (budget.stopped) throw budget.stopped;
  if (Date.now() > budget.deadline) {
    budget.stopped = new DeliveryError('QUERY_TIMEOUT', `The query ran longer than ${limits.maxExecutionMs} ms and was stopped; ask for less.`);
    throw budget.stopped;
  }
  budget.bytesLeft -= bytes;
  if (budget.bytesLeft < 0) {
    budget.stopped = new DeliveryError(
      'RESPONSE_TOO_LARGE',
      `The answer would exceed ${limits.maxResponseBytes} bytes and was stopped; ask for fewer items or leave bodies out of lists.`,
    );
    throw budget.stopped;
  }
}

const sizeOf = (value: unknown, isJson: boolean): number =>
  typeof value === 'string' ? value.length : isJson && value !== null && value !== undefined ? (JSON.stringify(value)?.length ?? 0) : 0;

/**
 * Puts every field of the schema under the request's budget: each resolver first checks
 * the clock, and the text it returns (strings, JSON values) is charged to the answer size.
 * Changes the given schema's resolvers in place; call once on a schema this module owns.
 */
export function guardResolvers(schema: GraphQLSchema, limits: QueryLimits): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      const isJson = getNamedType(field.type).name === 'JSON';
      field.resolve = (source, args, context, info) => {
        const budget = typeof context === 'object' && context !== null ? budgets.get(context) : undefined;
        if (!budget) return resolve(source, args, context, info);
        spend(budget, 0, limits);
        const value: unknown = resolve(source, args, context, info);
        if (value instanceof Promise) {
          return value.then((settled: unknown) => {
            spend(budget, sizeOf(settled, isJson), limits);
            return settled;
          });
        }
        spend(budget, sizeOf(value, isJson), limits);
        return value;
      };
    }
  }
  return schema;
}

const operationsOf = (document: DocumentNode) =>
  document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);

/** The operation a request runs: the named one, or the only one. */
function operationOf(document: DocumentNode, operationName: string | null): OperationDefinitionNode | undefined {
  const operations = operationsOf(document);
  return operationName === null ? (operations.length === 1 ? operations[0] : undefined) : operations.find((op) => op.name?.value === operationName);
}

/** The variables an operation declares, in order, as the request gave them: the part of `variables` that can change the answer. */
function usedVariables(document: DocumentNode, operationName: string | null, variables: Record<string, unknown> | null): unknown[] | null {
  const operation = operationOf(document, operationName);
  if (!operation) return null;
  return (operation.variableDefinitions ?? []).map((definition) => variables?.[definition.variable.name.value] ?? null);
}

export function createExecutor(options: {
  schema: GraphQLSchema;
  limits: QueryLimits;
  isProduction: boolean;
  log: (error: unknown) => void;
}): Executor {
  const { limits, isProduction, log } = options;
  const schema = guardResolvers(options.schema, limits);
  const rules = isProduction ? [...specifiedRules, NoSchemaIntrospectionCustomRule] : specifiedRules;
  // Parsed documents are roughly 20 bytes per character of query text.
  const documents = new LRUCache<string, Prepared>({ maxSize: 16 * 1024 * 1024, sizeCalculation: (_, query) => Math.max(1, query.length * 20) });

  function prepare(query: string): Prepared {
    if (query.length > limits.maxQueryLength) {
      return { error: errorResponse(413, 'QUERY_TOO_LARGE', `Query is ${query.length} characters; at most ${limits.maxQueryLength} are allowed.`) };
    }
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: limits.maxTokens });
    } catch (error) {
      const message = error instanceof Error ? error.message : 'Syntax error';
      const tooLarge = /more than \d+ tokens/.test(message);
      return { error: errorResponse(tooLarge ? 413 : 400, tooLarge ? 'QUERY_TOO_LARGE' : 'GRAPHQL_PARSE_FAILED', message) };
    }
    // Outside production, tools' introspection queries (GraphiQL, code generators) are deeper
    // than content queries and touch no content: they skip the content limits.
    const isIntrospection = isIntrospectionOnly(document);
    if (!(isIntrospection && !isProduction)) {
      const limitError = isIntrospection ? null : checkLimits(document, limits);
      if (limitError) return { error: { status: 400, body: { errors: [formatError(limitError, log)] } } };
    }
    const errors = validate(schema, document, rules);
    if (errors.length > 0) {
      const introspection = errors.some((error) => /introspection/i.test(error.message));
      const code = introspection ? 'INTROSPECTION_DISABLED' : 'GRAPHQL_VALIDATION_FAILED';
      return { error: { status: 400, body: { errors: errors.map((error) => ({ message: error.message, ...(error.locations ? { locations: error.locations } : {}), extensions: { code } })) } } };
    }
    const canonical = crypto.createHash('sha256').update(print(document)).digest('base64url');
    return { document, canonical, isIntrospection };
  }

  function prepared(query: string): Prepared {
    let entry = documents.get(query);
    if (!entry) {
      entry = prepare(query);
      documents.set(query, entry);
    }
    return entry;
  }

  async function run(entry: { document: DocumentNode }, request: GraphQLRequest, makeContext: (budget: ExecutionBudget) => object): Promise<GraphQLResponse> {
    const budget: ExecutionBudget = { deadline: Date.now() + limits.maxExecutionMs, bytesLeft: limits.maxResponseBytes, stopped: null };
    const contextValue = makeContext(budget);
    budgets.set(contextValue, budget);
    let result: ExecutionResult;
    try {
      result = await execute({
        schema,
        document: entry.document,
        variableValues: request.variables,
        operationName: request.operationName,
        contextValue,
      });
    } catch (error) {
      log(error);
      return errorResponse(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    }
    if (budget.stopped) {
      // A stopped request answers with the reason only: half an answer would look complete.
      const status = budget.stopped.code === 'QUERY_TIMEOUT' ? 503 : 400;
      return errorResponse(status, budget.stopped.code, budget.stopped.message);
    }
    const body: GraphQLResponse['body'] = {};
    // No data at all means the request itself was wrong (unknown operation, bad
    // variables): graphql's messages then name the problem and are safe to show.
    const isRequestError = result.data === undefined;
    if (result.errors) {
      body.errors = result.errors.map((error) =>
        isRequestError ? { message: error.message, ...(error.locations ? { locations: error.locations } : {}), extensions: { code: 'BAD_USER_INPUT' } } : formatError(error, log),
      );
    }
    if (!isRequestError) body.data = result.data;
    return { status: isRequestError ? 400 : 200, body };
  }

  return {
    plan(request) {
      const entry = prepared(request.query);
      if ('error' in entry) return entry;
      const variables = usedVariables(entry.document, request.operationName, request.variables);
      if (variables === null) {
        const message = request.operationName === null ? 'The document has several operations; name one with operationName.' : `No operation named "${request.operationName}" in the document.`;
        return { error: errorResponse(400, 'BAD_USER_INPUT', message) };
      }
      if (!entry.isIntrospection) {
        const costError = checkCost(estimateCost(schema, entry.document, request.operationName, request.variables ?? {}), limits);
        if (costError) return { error: { status: 400, body: { errors: [formatError(costError, log)] } } };
      }
      const key = `${entry.canonical}:${request.operationName ?? ''}:${JSON.stringify(variables)}`;
      const isMutation = operationOf(entry.document, request.operationName)?.operation === 'mutation';
      return { key, isMutation, run: (makeContext) => run(entry, request, makeContext) };
    },
  };
}
