// A fake Infisical server answering as the real one does (checked against answers recorded from a
// real backend, test/real-answers/ and test/fake.test.ts): Universal Auth and OIDC login with
// lockout, token revoke, raw secrets with folders, imports, recursion, references, withheld values,
// Infisical's errors, optional Cloud rate limits. The parts live in test/fake/; the logins that
// exchange a JWT for a token (OIDC, Kubernetes, GCP, Azure, JWT Auth) in test/fake-logins.js, AWS Auth
// (which checks the SigV4 signature) in test/fake-aws.js.
// Real HTTP(S) on an ephemeral loopback port; records every request; scripted faults per route.
// Plain JavaScript so the dev server and the benchmark run it with node, and tests import it.
// To add an endpoint: name it in ROUTES and give its handler in `handlers` (see startFake).
import http from 'node:http';
import https from 'node:https';
import { createAuth } from './fake/auth.js';
import { error, flagIssues, parseBody, validationFailure } from './fake/errors.js';
import { createListing, folderOf, foldersOf } from './fake/listing.js';
import { createRateLimit } from './fake/rate-limit.js';
import { awsAuth } from './fake-aws.js';
import { answerLogin, LOGIN_ROUTES } from './fake-logins.js';

/**
 * @typedef {import('./fake/listing.js').Project} Project
 *   environments: name → { secrets: folder path → key → value; imports: folder path → imported
 *   folders, in order; hidden: keys whose values the identity may not read }; slug: the project's
 *   slug (workspaceSlug); members: identities (client ids or OIDC identity ids) that belong to it,
 *   all when unset; denied: environments the identity may not read.
 * @typedef {{ status?: number, headers?: Record<string, string>, body?: string, reset?: boolean,
 *   hang?: boolean, delayMs?: number, truncate?: boolean, raw?: string }} Fault
 * @typedef {'login' | 'oidc' | 'aws' | 'revoke' | 'list' | 'kubernetes' | 'gcp' | 'azure' | 'jwt'} Route
 * @typedef {{ method: string, path: string, query: Record<string, string>,
 *   headers: http.IncomingHttpHeaders, body: string, route?: Route, connection: number }} Recorded
 * @typedef {{ clientId?: string, clientSecret?: string,
 *   identities?: Array<{ clientId: string, clientSecret: string }>, oidc?: { identityId: string, jwt: string },
 *   logins?: import('./fake-logins.js').Logins, aws?: import('./fake-aws.js').AwsAuthOptions,
 *   projects?: Record<string, Project>, rateLimit?: Partial<Record<Route, number>>,
 *   lockout?: import('./fake/auth.js').LockoutRule,
 *   tls?: { key: string, cert: string }, host?: string, port?: number, keepAliveMs?: number }} FakeOptions
 *   identities: more Universal Auth identities beside clientId/clientSecret; rateLimit: requests a
 *   minute per route, as Infisical Cloud limits them (none by default, as a self-hosted server).
 */

export const ROUTES = /** @type {Record<string, Route>} */ ({
  'POST /api/v1/auth/universal-auth/login': 'login',
  'POST /api/v1/auth/oidc-auth/login': 'oidc',
  'POST /api/v1/auth/aws-auth/login': 'aws',
  'POST /api/v1/auth/token/revoke': 'revoke',
  'GET /api/v3/secrets/raw': 'list',
  ...LOGIN_ROUTES,
});

const NOT_FOUND_FOLDER = (path, environment) =>
  `Folder with path '${path}' in environment '${environment}' was not found. Please ensure the environment slug and secret path is correct.`;

/** @param {FakeOptions} options */
export async function startFake(options = {}) {
  const identities = [
    { clientId: options.clientId ?? 'demo-client-id', clientSecret: options.clientSecret ?? 'demo-client-secret' },
    ...(options.identities ?? []),
  ];
  const projects = options.projects ?? {};
  const auth = createAuth(identities, options.oidc, options.lockout);
  const aws = awsAuth(options.aws);
  const listing = createListing(projects);
  const limited = createRateLimit(options.rateLimit ?? {});
  /** @type {Recorded[]} */
  const requests = [];
  /** Numbers the connections requests arrive on, so that tests can see one kept alive. */
  const connections = new WeakMap();
  /** @type {Record<string, Fault[]>} */
  const faults = Object.fromEntries(Object.values(ROUTES).map((route) => [route, []]));
  const sockets = new Set();
  /** @type {Map<string, Buffer>} */
  const bodies = new Map();

  /** @param {http.ServerResponse} res @param {Recorded} req */
  function list(res, req) {
    const identity = auth.authenticate(res, req.headers.authorization);
    if (identity === undefined) return;
    const issues = flagIssues(req.query, ['viewSecretValue', 'expandSecretReferences', 'recursive', 'include_imports']);
    if (issues.length > 0) return validationFailure(res, issues);
    const { workspaceSlug, environment } = req.query;
    const bySlug = Object.entries(projects).find(([, p]) => workspaceSlug && p.slug === workspaceSlug)?.[0];
    // Checked against the real server: an unknown slug is 404 naming it.
    if (workspaceSlug && !bySlug && !req.query.workspaceId)
      return error(res, 404, `Project with slug '${workspaceSlug}' not found`, 'NotFound');
    const workspaceId = req.query.workspaceId ?? bySlug;
    if (!workspaceId || !environment) return error(res, 400, 'Missing project id or environment', 'BadRequest');
    const project = projects[workspaceId];
    if (!project) {
      const message = `Project with ID '${workspaceId}' not found during bot lookup. Are you sure you are using the correct project ID?`;
      return error(res, 404, message, 'NotFound');
    }
    if (project.members && !project.members.includes(identity)) {
      const message = `You are not a member of this project with ID ${workspaceId}. Please assign this identity to the project with the appropriate permissions, then try again.`;
      return error(res, 403, message, 'ProjectMembershipNotFound');
    }
    if (project.denied?.includes(environment)) {
      return error(res, 403, 'You are not allowed to read secrets in this environment', 'PermissionDenied');
    }
    const env = project.environments[environment];
    const folder = folderOf(req.query.secretPath);
    if (!env || !foldersOf(env).includes(folder.path))
      return error(res, 404, NOT_FOUND_FOLDER(folder.echoed, environment), 'SecretPathNotFound');
    // The data never changes after start: answer a repeated query from cache (encoded once), so that
    // benchmarks measure the action rather than this server.
    const query = { ...req.query, workspaceId };
    const cacheKey = JSON.stringify([
      workspaceId,
      environment,
      ...['secretPath', 'recursive', 'expandSecretReferences', 'include_imports'].map((k) => query[k]),
    ]);
    let body = bodies.get(cacheKey);
    if (!body)
      bodies.set(cacheKey, (body = Buffer.from(JSON.stringify(listing.body(workspaceId, environment, query)))));
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
  }

  /** Handlers per route: (res, parsed body, recorded request). */
  const handlers = /** @type {Record<Route, (res: http.ServerResponse, body: any, req: Recorded) => void>} */ ({
    login: (res, body) => auth.login(res, body),
    oidc: (res, body) => auth.oidcLogin(res, body),
    aws: (res, body) => {
      const refusal = aws.login(body);
      return refusal ? error(res, refusal.status, refusal.message, refusal.error) : auth.issue(res, body.identityId);
    },
    revoke: (res, body) => auth.revoke(res, body),
    list: (res, _body, req) => list(res, req),
    ...Object.fromEntries(
      Object.values(LOGIN_ROUTES).map((route) => [
        route,
        /** @param {http.ServerResponse} res @param {any} body */
        (res, body) => {
          const answer = answerLogin(route, body, options.logins);
          if ('message' in answer) return error(res, answer.status, answer.message, answer.error);
          return auth.issue(res, body.identityId);
        },
      ]),
    ),
  });

  /** Plays a scripted fault; returns true when it answered (or dropped) the request. */
  function playFault(fault, req, res) {
    if (fault.reset) return (req.socket.destroy(), true);
    if (fault.hang) return true;
    // Bytes written as they are, not HTTP the server produced: for answers that break the protocol.
    if (fault.raw !== undefined) return (req.socket.end(fault.raw), true);
    if (fault.truncate) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.end('{"secrets":[{"secretKey":"A","secretValue":"trunc');
      setImmediate(() => req.socket.destroy());
      return true;
    }
    if (fault.status) {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(
        fault.body ??
          JSON.stringify({ reqId: 'req-fault', statusCode: fault.status, message: 'Scripted fault', error: 'Fault' }),
      );
      return true;
    }
    return false;
  }

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  async function handle(req, res) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const url = new URL(req.url ?? '/', 'http://fake');
    const route = ROUTES[`${req.method} ${url.pathname.replace(/^\/[^/]+(?=\/api\/)/, '')}`];
    /** @type {Recorded} */
    const recorded = {
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      route,
      connection: connections.get(req.socket) ?? connections.set(req.socket, requests.length + 1).get(req.socket),
    };
    requests.push(recorded);
    if (!route) return error(res, 404, `Route ${req.method}:${url.pathname} not found`, 'NotFound');
    const fault = faults[route]?.shift();
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault && playFault(fault, req, res)) return;
    if (limited(route, res)) return;
    const body = parseBody(recorded.body, req.headers['content-type']);
    if (body === undefined) return error(res, 400, 'Body is not valid JSON', 'BadRequest');
    handlers[route](res, body, recorded);
  }

  const listener = (req, res) => void handle(req, res).catch(() => res.destroy());
  const server = options.tls ? https.createServer(options.tls, listener) : http.createServer(listener);
  // How long an idle client connection stays open (Node's default: 5 s).
  if (options.keepAliveMs !== undefined) server.keepAliveTimeout = options.keepAliveMs;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  // A port in use (dev server with --port) fails here instead of hanging.
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const scheme = options.tls ? 'https' : 'http';
  return {
    url: `${scheme}://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    port: address.port,
    requests,
    /** Issued tokens (token → identity) and revoked ones. */
    tokens: auth.tokens,
    revoked: auth.revoked,
    /** Why the fake STS refused each AWS IAM login it was asked to verify. */
    stsRefusals: aws.stsRefusals,
    /** Queues faults for the next requests to a route, played in order. */
    fault(/** @type {Route} */ route, /** @type {Fault[]} */ ...items) {
      faults[route].push(...items);
    },
    /** @param {Route} route */
    count(route) {
      return requests.filter((r) => r.route === route).length;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
