// The main step: inputs → login → list → resolve → mask → export, and one line saying what happened.
import type { Connection } from './api.js';
import { universalLogin, type Login } from './auth.js';
import { connectionFor, plainHttpWarning } from './connection.js';
import { checkExport, describeDestination, writeExport } from './export.js';
import { readSettings, type AuthSettings, type Settings } from './inputs.js';
import { githubIdToken, oidcLogin } from './oidc.js';
import { applyNameRules, resolveSecrets } from './resolve.js';
import { debug, info, input, isDebug, mask, warning } from './runner.js';
import { listSecrets } from './secrets.js';
import { saveToken } from './state.js';

async function logIn(conn: Connection, auth: AuthSettings): Promise<Login> {
  if (auth.method === 'universal') return universalLogin(conn, auth.clientId, auth.clientSecret);
  return oidcLogin(conn, auth.identityId, await githubIdToken(conn, auth.audience));
}

export async function run(): Promise<void> {
  // The client secret is masked before anything else can be printed, even a validation error.
  mask([input('client-secret')]);
  const settings: Settings = readSettings();
  mask(Object.values(settings.extraHeaders));
  const conn = connectionFor(settings);
  const insecure = plainHttpWarning(settings.domain);
  if (insecure) warning(insecure);

  const { accessToken } = await logIn(conn, settings.auth);
  saveToken(accessToken, settings);
  const list = await listSecrets(conn, accessToken, settings);
  const where = `${settings.environment}:${settings.secretPath}`;

  const { exported, skipped } = applyNameRules(resolveSecrets(list, settings.secretPath));
  for (const { name, reason } of skipped) warning(`Secret ${JSON.stringify(name)} was not exported: ${reason}`);

  const entries = exported.map((s) => ({ name: s.key, value: s.value }));
  if (entries.length === 0) {
    const message =
      `No secrets found in project ${settings.workspaceId}, environment ${settings.environment}, path ${settings.secretPath}` +
      (skipped.length > 0 ? ' that can be exported' : '') +
      '. A wrong environment slug or secret-path returns an empty list rather than an error.';
    if (settings.failOnEmpty) throw new Error(message);
    warning(message);
  }

  checkExport(entries, settings.exportType);
  writeExport(entries, settings.exportType, settings.outputToken ? { 'access-token': accessToken } : {});
  if (entries.length === 0) return;

  if (isDebug()) debug(`Exported names: ${entries.map((e) => e.name).join(', ')}`);
  const noun = entries.length === 1 ? 'secret' : 'secrets';
  info(`Exported ${entries.length} ${noun} from ${where} as ${describeDestination(settings.exportType)}`);
}
