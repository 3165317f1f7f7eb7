// Calls to a cloud's metadata service (GCP, Azure): never through a proxy (the service answers only
// the machine itself), with a short deadline of its own, and without Infisical's extra headers or
// CAs. A runner without the service fails in one line that says what it lacks.
import { ApiError, httpFailure, request, type Connection } from '../infisical/api.js';
import type { HttpResponse } from '../infisical/http.js';
import { LoginError } from './exchange.js';

/** A metadata service answers in milliseconds; a runner off that cloud should not wait 30 s per try. */
const METADATA_TIMEOUT_MS = 5000;

export interface MetadataCall {
  /** Names the call in messages, e.g. "Getting the GCP identity token". */
  name: string;
  url: string;
  headers: Record<string, string>;
  /** What the runner lacks and what to set up when the service cannot be reached or refuses. */
  hint: string;
}

/** The answer of a metadata service (2xx), or a one-line failure ending with the call's hint. */
export async function askMetadata(conn: Connection, call: MetadataCall): Promise<HttpResponse> {
  const metadata: Connection = {
    domain: '',
    timeoutMs: Math.min(conn.timeoutMs, METADATA_TIMEOUT_MS),
    retry: conn.retry,
    direct: true,
    // The deadline here is the metadata service's own, not the request-timeout input.
    deadlineName: 'the metadata deadline',
  };
  const { name, url, headers, hint } = call;
  let response: HttpResponse;
  try {
    response = await request(metadata, { name, url, headers, method: 'GET', path: '', hint: () => hint });
  } catch (error) {
    if (error instanceof ApiError && error.status === undefined) throw new LoginError(`${error.message}. ${hint}`);
    throw error;
  }
  if (response.status < 200 || response.status > 299) throw httpFailure(name, response, hint);
  return response;
}
