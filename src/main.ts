// The main step: inputs → login → list → resolve → select and name → check → export → summary.
import type { Connection } from './api.js';
import { universalLogin, type Login } from './auth.js';
import { connectionFor, plainHttpWarning } from './connection.js';
import { describeDestination, planExport, writeExport } from './export.js';
import { awsIamLogin } from './login/aws-iam.js';
import { readSettings, type AuthSettings, type Settings } from './inputs.js';
import { applyNameRules } from './names.js';
import { githubIdToken, oidcLogin } from './oidc.js';
import { resolveSecrets } from './resolve.js';
import { appendSummary, debug, info, input, isDebug, mask, notice, warning } from './runner.js';
import { listSecrets } from './secrets.js';
import { selectSecrets } from './selection.js';
import { saveExportedFile, saveToken } from './state.js';
import { renderSummary } from './summary.js';

async function logIn(conn: Connection, auth: AuthSettings): Promise<Login> {
  if (auth.method === 'universal') return universalLogin(conn, auth.clientId, auth.clientSecret);
  if (auth.method === 'aws-iam') return awsIamLogin(conn, auth.identityId);
  return oidcLogin(conn, auth.identityId, await githubIdToken(conn, auth.audience));
}

function emptyMessage(settings: Settings, skipped: number): string {
  const { workspaceId, environment, secretPath } = settings;
  return (
    `No secrets found in project ${workspaceId}, environment ${environment}, path ${secretPath}` +
    (skipped > 0 ? ' that can be exported' : '') +
    '. Check secret-path and what the identity may read (an older Infisical also answers an unknown ' +
    'environment or path with an empty list, not an error).'
  );
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

  const chosen = selectSecrets(
    resolveSecrets(list, settings.secretPath, settings.recursive),
    settings.selectors,
    settings.namePrefix,
  );
  const type = settings.exportType;
  const targets = { env: type === 'env' || type === 'both', file: type === 'file' };
  const { exported, skipped } = applyNameRules(chosen, targets);
  for (const { name, reason } of skipped) warning(`Secret ${JSON.stringify(name)} was not exported: ${reason}`);
  if (exported.length === 0) {
    if (settings.failOnEmpty) throw new Error(emptyMessage(settings, skipped.length));
    warning(emptyMessage(settings, skipped.length));
  }

  const token: Record<string, string> = settings.outputToken ? { 'access-token': accessToken } : {};
  const plan = planExport(exported, type, settings.filePath, token);
  const unsave = plan.file && !settings.keepFile ? saveExportedFile(plan.file.path) : undefined;
  try {
    writeExport(plan);
  } catch (error) {
    unsave?.(); // Nothing was written: the post step must not delete a file that was there before.
    throw error;
  }

  if (plan.warning) warning(plan.warning);
  if (plan.replaced.length > 0)
    notice(`Secrets replaced these variables of the job's environment: ${plan.replaced.join(', ')}`);
  if (settings.summary) {
    const { environment, secretPath } = settings;
    try {
      appendSummary(renderSummary({ environment, secretPath, exportType: type, exported, skipped }));
    } catch (error) {
      // The secrets are exported by now: a summary that cannot be written must not fail the step.
      warning(`The job summary was not written: ${(error as Error).message}`);
    }
  }
  if (exported.length === 0) return;
  if (isDebug()) debug(`Exported names: ${exported.map((e) => e.name).join(', ')}`);
  const noun = exported.length === 1 ? 'secret' : 'secrets';
  const where = type === 'file' ? `a .env file at ${settings.filePath}` : describeDestination(type);
  info(`Exported ${exported.length} ${noun} from ${settings.environment}:${settings.secretPath} as ${where}`);
}
