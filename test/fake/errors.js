// Answers in Infisical's shapes: JSON bodies, its error body, and the validation issues its 422
// carries (an array of zod issues as `message`, not a string). Messages as the real server words them.
import { randomBytes } from 'node:crypto';

export const MALFORMED_TOKEN =
  'The provided access token is malformed. Please use a valid token or generate a new one and try again.';
export const REVOKED_TOKEN = 'Failed to authorize: token has been revoked';
export const INVALID_CREDENTIALS = 'Invalid credentials';
export const LOCKED = 'This identity auth method is temporarily locked, please try again later';

/** @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} body */
export function json(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Infisical's error body: reqId, statusCode, message (a string, or issues for a 422), error. */
export function error(res, status, message, name, headers = {}) {
  json(
    res,
    status,
    { reqId: `req-${randomBytes(7).toString('base64url')}`, statusCode: status, message, error: name },
    headers,
  );
}

/** A 422 as Infisical answers a request its schema refuses. */
export function validationFailure(res, issues) {
  error(res, 422, issues, 'ValidationFailure');
}

/**
 * Issues for a body that must be an object with these string fields, as zod words them: no body is
 * `null`, a text/plain body a string, a missing field `Required`.
 * @param {unknown} body @param {string[]} fields
 */
export function bodyIssues(body, fields) {
  if (body === null || typeof body !== 'object') {
    const received = body === null ? 'null' : typeof body;
    return [
      {
        code: 'invalid_type',
        expected: 'object',
        received,
        path: [],
        message: `Expected object, received ${received}`,
      },
    ];
  }
  return fields
    .filter((field) => typeof body[field] !== 'string')
    .map((field) => ({
      code: 'invalid_type',
      expected: 'string',
      received: body[field] === undefined ? 'undefined' : typeof body[field],
      path: [field],
      message: body[field] === undefined ? 'Required' : `Expected string, received ${typeof body[field]}`,
    }));
}

/** Issues for query flags that must be `true` or `false` when present. */
export function flagIssues(query, names) {
  return names
    .filter((name) => query[name] !== undefined && query[name] !== 'true' && query[name] !== 'false')
    .map((name) => ({
      received: query[name],
      code: 'invalid_enum_value',
      options: ['true', 'false'],
      path: [name],
      message: `Invalid enum value. Expected 'true' | 'false', received '${query[name]}'`,
    }));
}

/**
 * A request body as Infisical's parser reads it: JSON or a form; no body is null; any other
 * content type arrives as a string. Malformed JSON is undefined (Infisical answers 400).
 * @param {string} raw @param {string | undefined} type
 */
export function parseBody(raw, type) {
  if (raw === '' && !type) return null;
  if (type?.includes('application/json')) {
    try {
      return JSON.parse(raw || 'null');
    } catch {
      return undefined;
    }
  }
  if (type?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  return raw;
}
