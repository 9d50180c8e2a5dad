// Stable error codes of the delivery API. Messages are for people; codes are for code.
import { GraphQLError } from 'graphql';

export const errorCodes = [
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_FIELDS',
  'QUERY_TOO_COSTLY',
  'RESPONSE_TOO_LARGE',
  'QUERY_TIMEOUT',
  'QUERY_TOO_LARGE',
  'INTROSPECTION_DISABLED',
  'METHOD_NOT_ALLOWED',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTERNAL_SERVER_ERROR',
  'PREVIEW_TOKEN_INVALID',
  'PREVIEW_TOKEN_EXPIRED',
  'PLUGIN_NOT_ENABLED',
  'SITE_NOT_FOUND',
  'UNAUTHENTICATED',
  'RATE_LIMITED',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** An error a client caused and can fix; its message is safe to show. */
export class DeliveryError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message, { extensions: { code } });
  }
}

export const badInput = (message: string) => new DeliveryError('BAD_USER_INPUT', message);
