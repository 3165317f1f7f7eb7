// The main step: inputs → login → list → resolve → select and name → check → export → summary.
import { connectionFor, plainHttpWarning } from './infisical/connection.js';
import { describeDestination, planExport, writeExport } from './export/export.js';
import { ignoredFileInputs, readSettings, type Settings } from './inputs.js';
import { logIn } from './login/index.js';
import { applyNameRules } from './names.js';
import { resolveSecrets } from './resolve.js';
import { debug, info, input, isDebug, mask, notice, warning } from './runner.js';
import { listSecrets, projectName } from './infisical/secrets.js';
import { importDisputes, selectSecrets } from './selection.js';
import { saveExportedFile, saveToken } from './state.js';
import { addSummary } from './export/summary.js';

function emptyMessage(settings: Settings, skipped: number): string {
  const { environment, secretPath } = settings;
  return (
    `No secrets found in ${projectName(settings)}, environment ${environment}, path ${secretPath}` +
    (skipped > 0 ? ' that can be exported' : '') +
    '. Check secret-path and what the identity may read (an older Infisical also answers an unknown ' +
    'environment or path with an empty list, not an error).'
  );
}

export async function run(): Promise<void> {
  // Credentials given as inputs are masked before anything else can be printed, even a validation error.
  mask([input('client-secret'), input('token'), input('jwt')]);
  const settings: Settings = readSettings();
  mask(Object.values(settings.extraHeaders));
  const conn = connectionFor(settings);
  const insecure = plainHttpWarning(settings.domain);
  if (insecure) warning(insecure);
  const unused = ignoredFileInputs(settings);
  if (unused) warning(unused);

  const started = Date.now();
  if (isDebug()) debug(`Logging in to ${settings.domain} with method ${settings.auth.method}`);
  const { accessToken, revocable } = await logIn(conn, settings.auth);
  // A token the workflow gave (method token) is never revoked: it belongs to whoever issued it.
  saveToken(accessToken, { ...settings, revokeToken: settings.revokeToken && revocable });
  const list = await listSecrets(conn, accessToken, settings);
  if (isDebug()) {
    const imported = list.imports.reduce((n, i) => n + i.secrets.length, 0);
    const where = `${projectName(settings)}, ${settings.environment}:${settings.secretPath}`;
    debug(
      `Listed ${list.secrets.length} secrets and ${imported} imported ones from ${where} after ${Date.now() - started} ms`,
    );
  }

  const chosen = selectSecrets(
    resolveSecrets(list, settings.secretPath, settings.recursive),
    settings.selectors,
    settings.namePrefix,
  );
  const type = settings.exportType;
  const targets = { env: type === 'env' || type === 'both', file: type === 'file', output: type === 'both' };
  const { exported, skipped } = applyNameRules(chosen, targets);
  for (const { name, reason, outputOnly } of skipped) {
    const what = outputOnly ? 'was exported as a step output only, not as an environment variable' : 'was not exported';
    warning(`Secret ${JSON.stringify(name)} ${what}: ${reason}`);
  }
  const disputes = importDisputes(exported);
  if (disputes) warning(disputes);
  if (exported.length === 0) {
    if (settings.failOnEmpty) throw new Error(emptyMessage(settings, skipped.length));
    warning(emptyMessage(settings, skipped.length));
  }

  const token: Record<string, string> = settings.outputToken ? { 'access-token': accessToken } : {};
  const plan = planExport(exported, type, settings.filePath, token);
  let unsave: (() => void) | undefined;
  try {
    writeExport(plan, (file) => {
      if (!settings.keepFile) unsave = saveExportedFile(file);
    });
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
      await addSummary({ environment, secretPath, exportType: type, exported, skipped }).write();
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
