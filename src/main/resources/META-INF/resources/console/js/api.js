// The console's only way to the service: POST /graphql. Every failure becomes an ApiError that says in words
// what went wrong, from the GraphQL error's extensions.code (API.md) or the HTTP status.

import { token } from './session.js';

/** @typedef {{ message: string, extensions?: Record<string, unknown>, path?: (string|number)[] }} GraphQLError */

export class ApiError extends Error {
  /**
   * @param {string} code   an extensions.code of API.md, or NETWORK / HTTP
   * @param {string} message
   * @param {Record<string, unknown>} [extensions]
   */
  constructor(code, message, extensions = {}) {
    super(message);
    this.code = code;
    this.extensions = extensions;
  }
}

/** @type {() => void} */
let onRefusedToken = () => {};

/** Called when the service refuses the token (HTTP 401): the session is over. @param {() => void} handler */
export function whenTokenRefused(handler) {
  onRefusedToken = handler;
}

/**
 * Runs one GraphQL operation and returns its data, or throws an ApiError for the first error.
 * @param {string} query
 * @param {Record<string, unknown>} [variables]
 * @returns {Promise<any>}
 */
export async function gql(query, variables = {}) {
  /** @type {Record<string, string>} */
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  const bearer = token();
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  let response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new ApiError('NETWORK', 'The service cannot be reached. Check the connection and try again.');
  }
  if (response.status === 401) {
    onRefusedToken();
    throw new ApiError('UNAUTHENTICATED', 'The service refused the token (HTTP 401): it is invalid or has expired.');
  }
  /** @type {{ data?: any, errors?: GraphQLError[] } | null} */
  let body = null;
  try {
    body = await response.json();
  } catch {
    throw new ApiError('HTTP', `The service answered HTTP ${response.status} without a GraphQL response.`);
  }
  const errors = body?.errors ?? [];
  if (errors.length > 0) {
    const first = errors[0];
    const extensions = first.extensions ?? {};
    throw new ApiError(String(extensions.code ?? 'INTERNAL'), first.message, extensions);
  }
  if (!response.ok || !body?.data) {
    throw new ApiError('HTTP', `The service answered HTTP ${response.status}.`);
  }
  return body.data;
}

/**
 * The error in words, for the person who pressed the button.
 * @param {unknown} error
 */
export function describe(error) {
  if (!(error instanceof ApiError)) {
    return error instanceof Error ? error.message : String(error);
  }
  const x = error.extensions;
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return `Not signed in: ${error.message}`;
    case 'FORBIDDEN':
      return `Not allowed: ${error.message}`;
    case 'NOT_FOUND':
      return `Not found: ${error.message}`;
    case 'VALIDATION':
      return x.field ? `Invalid ${x.field}: ${error.message}` : `Invalid request: ${error.message}`;
    case 'INVALID_TRANSITION':
      return `Not possible now (${x.from ?? '?'} → ${x.to ?? '?'}): ${error.message}`;
    case 'CONFLICT':
      return `Changed by someone else or a duplicate: ${error.message}. Reload and try again.`;
    case 'INSUFFICIENT_QUANTITY':
      return `Not enough quantity: ${error.message}`;
    case 'INTERNAL':
      return `The service failed${x.retryable ? ' (temporary, try again)' : ''}: ${error.message}`
        + (x.correlationId ? ` Correlation id: ${x.correlationId}.` : '');
    default:
      return error.message;
  }
}
