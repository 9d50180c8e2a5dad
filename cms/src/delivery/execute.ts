// One GraphQL request, from parsed HTTP body to JSON result: size check, parse (with a
// cache of parsed and validated documents), limits, validation, execution, and errors
// turned into stable codes with no stack traces.
import {
  execute,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { checkLimits, type QueryLimits } from './limits';

export interface GraphQLRequest {
  readonly query: string;
  readonly variables: Record<string, unknown> | null;
  readonly operationName: string | null;
}

export interface GraphQLResponse {
  readonly status: number;
  readonly body: { data?: unknown; errors?: GraphQLFormattedError[] };
}

export interface Executor {
  run(request: GraphQLRequest, contextValue: unknown): Promise<GraphQLResponse>;
}

type Prepared = { document: DocumentNode } | { error: GraphQLResponse };

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

export function createExecutor(options: {
  schema: GraphQLSchema;
  limits: QueryLimits;
  isProduction: boolean;
  log: (error: unknown) => void;
}): Executor {
  const { schema, limits, isProduction, log } = options;
  const rules = isProduction ? [...specifiedRules, NoSchemaIntrospectionCustomRule] : specifiedRules;
  const documents = new Map<string, Prepared>();

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
    const limitError = checkLimits(document, limits);
    if (limitError) return { error: { status: 400, body: { errors: [formatError(limitError, log)] } } };
    const errors = validate(schema, document, rules);
    if (errors.length > 0) {
      const introspection = errors.some((error) => /introspection/i.test(error.message));
      const code = introspection ? 'INTROSPECTION_DISABLED' : 'GRAPHQL_VALIDATION_FAILED';
      return { error: { status: 400, body: { errors: errors.map((error) => ({ message: error.message, ...(error.locations ? { locations: error.locations } : {}), extensions: { code } })) } } };
    }
    return { document };
  }

  function prepared(query: string): Prepared {
    let entry = documents.get(query);
    if (!entry) {
      entry = prepare(query);
      if (documents.size >= 1000) documents.delete(documents.keys().next().value ?? '');
      documents.set(query, entry);
    }
    return entry;
  }

  return {
    async run(request, contextValue) {
      const entry = prepared(request.query);
      if ('error' in entry) return entry.error;
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
    },
  };
}
