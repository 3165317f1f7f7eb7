// A fake Infisical server speaking the API shapes the action uses (see ../shared notes): Universal
// Auth and OIDC login, token revoke, raw secrets with folders, imports (nested ones appended to the
// import's list, as Infisical does), recursion, references, withheld values and unknown folders (404).
// Real HTTP(S) on an ephemeral loopback port; records every request; scripted faults per route.
// Plain JavaScript so the dev server and the benchmark run it with node, and tests import it.
import http from 'node:http';
import https from 'node:https';
import { randomBytes } from 'node:crypto';
import { awsAuth } from './fake-aws.js';

/**
 * @typedef {{ environment: string, path: string }} ImportRef
 * @typedef {{ secrets: Record<string, Record<string, string>>, imports?: Record<string, ImportRef[]>,
 *   hidden?: string[] }} Environment
 *   secrets: folder path → key → value; imports: folder path → imported folders, in order; hidden:
 *   keys whose values the identity may not read (sent as Infisical's placeholder, secretValueHidden).
 * @typedef {{ environments: Record<string, Environment>, denied?: string[] }} Project
 * @typedef {{ status?: number, headers?: Record<string, string>, body?: string, reset?: boolean,
 *   hang?: boolean, delayMs?: number, truncate?: boolean, raw?: string }} Fault
 * @typedef {'login' | 'oidc' | 'aws' | 'revoke' | 'list'} Route
 * @typedef {{ method: string, path: string, query: Record<string, string>,
 *   headers: http.IncomingHttpHeaders, body: string, route?: Route, connection: number }} Recorded
 * @typedef {{ clientId?: string, clientSecret?: string, oidc?: { identityId: string, jwt: string },
 *   projects?: Record<string, Project>, tls?: { key: string, cert: string }, host?: string, port?: number,
 *   keepAliveMs?: number, aws?: import('./fake-aws.js').AwsAuthOptions }} FakeOptions
 */

const ROUTES = /** @type {Record<string, Route>} */ ({
  'POST /api/v1/auth/universal-auth/login': 'login',
  'POST /api/v1/auth/oidc-auth/login': 'oidc',
  'POST /api/v1/auth/aws-auth/login': 'aws',
  'POST /api/v1/auth/token/revoke': 'revoke',
  'GET /api/v3/secrets/raw': 'list',
});

/** @param {http.ServerResponse} res @param {number} status @param {unknown} body */
function json(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Infisical's error shape. */
function error(res, status, message, name = 'Error') {
  json(res, status, { reqId: `req-${randomBytes(4).toString('hex')}`, statusCode: status, message, error: name });
}

/** @param {string} raw @param {string | undefined} type */
function parseBody(raw, type) {
  if (type?.includes('application/json')) {
    try {
      return JSON.parse(raw || '{}');
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

/** Expands `${KEY}` from the same folder, as Infisical does with expandSecretReferences. */
function expand(value, folder) {
  return value.replace(/\$\{([^}.]+)\}/g, (whole, key) => (key in folder ? folder[key] : whole));
}

/** @param {FakeOptions} options */
export async function startFake(options = {}) {
  const clientId = options.clientId ?? 'demo-client-id';
  const clientSecret = options.clientSecret ?? 'demo-client-secret';
  const projects = options.projects ?? {};
  /** @type {Recorded[]} */
  const requests = [];
  /** Numbers the connections requests arrive on, so that tests can see one kept alive. */
  const connections = new WeakMap();
  /** @type {Set<string>} */
  const tokens = new Set();
  /** @type {Set<string>} */
  const revoked = new Set();
  /** @type {Record<Route, Fault[]>} */
  const faults = { login: [], oidc: [], aws: [], revoke: [], list: [] };
  const aws = awsAuth(options.aws);
  const sockets = new Set();
  /** @type {Map<string, string>} */
  const bodies = new Map();

  function issueToken(res) {
    const accessToken = `fake-token-${randomBytes(12).toString('hex')}`;
    tokens.add(accessToken);
    json(res, 200, { accessToken, expiresIn: 7200, accessTokenMaxTTL: 2592000, tokenType: 'Bearer' });
  }

  /** Secrets of one folder (or with `recursive`, the folder and its sub-folders) in API shape. */
  function secretsOf(env, environment, path, recursive, doExpand) {
    const out = [];
    for (const [folder, entries] of Object.entries(env.secrets)) {
      const inside = folder === path || (recursive && (path === '/' ? true : folder.startsWith(`${path}/`)));
      if (!inside) continue;
      for (const [key, value] of Object.entries(entries)) {
        const hidden = env.hidden?.includes(key) ?? false;
        out.push({
          id: `secret-${out.length}`,
          workspace: 'ws',
          environment,
          version: 1,
          type: 'shared',
          secretKey: key,
          secretValue: hidden ? '<hidden-by-infisical>' : doExpand ? expand(value, entries) : value,
          secretValueHidden: hidden,
          secretComment: '',
          secretPath: folder,
        });
      }
    }
    return out;
  }

  /**
   * An import's secrets as Infisical lists them: the imported folder's own (without secretPath), then
   * those of its own imports, appended.
   */
  function importedSecrets(project, ref, doExpand, depth = 0) {
    const env = project.environments[ref.environment] ?? { secrets: {} };
    const own = secretsOf(env, ref.environment, ref.path, false, doExpand);
    for (const secret of own) delete secret.secretPath;
    const nested = depth < 5 ? (env.imports?.[ref.path] ?? []) : [];
    return [...own, ...nested.flatMap((inner) => importedSecrets(project, inner, doExpand, depth + 1))];
  }

  /**
   * The folder's imports; with `recursive`, those of every folder under it too, ordered as Infisical
   * orders them: by position within each folder only (here: every folder's first, then every second).
   */
  function importsOf(env, path, recursive) {
    const inside = (folder) => folder === path || (recursive && folder.startsWith(`${path === '/' ? '' : path}/`));
    const lists = Object.entries(env.imports ?? {})
      .filter(([folder]) => inside(folder))
      .map(([, refs]) => refs);
    const longest = Math.max(0, ...lists.map((refs) => refs.length));
    return Array.from({ length: longest }, (_, position) => lists.flatMap((refs) => refs[position] ?? [])).flat();
  }

  /** Whether the folder exists: the root of a known environment always does. */
  function folderExists(env, path, recursive) {
    if (!env) return false;
    const folders = ['/', ...Object.keys(env.secrets)];
    return folders.some((f) => f === path || (recursive && f.startsWith(`${path === '/' ? '' : path}/`)));
  }

  /** @param {http.ServerResponse} res @param {Recorded} req */
  function list(res, req) {
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ')) return error(res, 401, 'Token missing', 'UnauthorizedError');
    const token = auth.slice(7);
    if (revoked.has(token)) return error(res, 401, 'Token revoked', 'UnauthorizedError');
    if (!tokens.has(token)) return error(res, 403, 'Invalid token', 'TokenError');
    const { workspaceId, environment } = req.query;
    if (!environment) return error(res, 400, 'environment: Required', 'Bad Request');
    const project = projects[workspaceId ?? ''];
    if (!project) return error(res, 404, `Project with ID '${workspaceId}' not found`, 'NotFound');
    if (project.denied?.includes(environment)) {
      return error(res, 403, 'You are not allowed to read secrets in this environment', 'PermissionDenied');
    }
    const env = project.environments[environment];
    const path = req.query.secretPath || '/';
    const recursive = req.query.recursive === 'true';
    const doExpand = req.query.expandSecretReferences === 'true';
    if (!folderExists(env, path, recursive)) {
      const message = `Folder with path '${path}' in environment '${environment}' was not found. Please ensure the environment slug and secret path is correct.`;
      return error(res, 404, message, 'SecretPathNotFound');
    }
    // The data never changes after start: answer a repeated query from cache (encoded once), so that
    // benchmarks measure the action rather than this server.
    const cacheKey = JSON.stringify([workspaceId, environment, path, recursive, doExpand, req.query.include_imports]);
    const cached = bodies.get(cacheKey);
    if (cached) return res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(cached);
    const body = { secrets: secretsOf(env, environment, path, recursive, doExpand), imports: [] };
    if (req.query.include_imports === 'true') {
      body.imports = importsOf(env, path, recursive).map((ref) => ({
        secretPath: ref.path,
        environment: ref.environment,
        folderId: 'folder',
        secrets: importedSecrets(project, ref, doExpand),
      }));
    }
    bodies.set(cacheKey, Buffer.from(JSON.stringify(body)));
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(bodies.get(cacheKey));
  }

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
    const fault = faults[route].shift();
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault && playFault(fault, req, res)) return;
    const body = parseBody(recorded.body, req.headers['content-type']);
    if (route === 'login') {
      if (!body.clientId || !body.clientSecret)
        return error(res, 422, 'clientId and clientSecret are required', 'ValidationFailure');
      if (body.clientId !== clientId || body.clientSecret !== clientSecret) {
        return error(res, 401, 'Invalid credentials', 'UnauthorizedError');
      }
      return issueToken(res);
    }
    if (route === 'oidc') {
      const oidc = options.oidc;
      if (oidc && body.identityId === oidc.identityId && body.jwt === oidc.jwt) return issueToken(res);
      return error(res, 401, 'OIDC login failed: subject or audience not allowed', 'UnauthorizedError');
    }
    if (route === 'aws') {
      const refusal = aws.login(body);
      return refusal ? error(res, refusal.status, refusal.message, refusal.error) : issueToken(res);
    }
    if (route === 'revoke') {
      if (!tokens.has(body.accessToken)) return error(res, 401, 'Invalid token', 'UnauthorizedError');
      revoked.add(body.accessToken);
      return json(res, 200, { message: 'Successfully revoked access token' });
    }
    return list(res, recorded);
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
    tokens,
    revoked,
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
