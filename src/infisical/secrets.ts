// Listing raw secrets and checking the answer's shape. Values are masked as soon as they are parsed.
import { httpFailure, parseJson, request, ApiError, type Connection } from './api.js';
import { mask } from '../runner.js';

export interface RawSecret {
  secretKey: string;
  secretValue: string;
  secretPath?: string;
  type?: string;
  /** Set when the identity may see the secret but not read it: `secretValue` is then a placeholder. */
  secretValueHidden?: boolean;
}

interface SecretImport {
  secretPath: string;
  environment: string;
  secrets: RawSecret[];
}

export interface SecretList {
  secrets: RawSecret[];
  imports: SecretImport[];
}

export interface ListQuery {
  /** The project by ID or by slug: Infisical's query parameter either way. */
  project: { workspaceId: string } | { workspaceSlug: string };
  environment: string;
  secretPath: string;
  recursive: boolean;
  includeImports: boolean;
  expandReferences: boolean;
}

const CALL = 'Listing secrets';

/**
 * Collects a list's string values into `values` and says what is wrong with its shape, if anything.
 * One pass per list: thousands of secrets are read once here, masked, then trusted.
 */
function scan(raw: unknown, where: string, values: string[]): string | undefined {
  if (!Array.isArray(raw)) return `the answer has no ${where} list`;
  let problem: string | undefined;
  raw.forEach((item: unknown, index) => {
    const { secretKey, secretValue, secretValueHidden, secretPath } = (item ?? {}) as Partial<RawSecret>;
    if (typeof secretValue === 'string' && secretValueHidden !== true) values.push(secretValue);
    if (problem !== undefined) return;
    if (typeof secretKey !== 'string' || typeof secretValue !== 'string') {
      problem = `entry ${index} of ${where} has no secretKey or secretValue`;
    } else if (secretPath !== undefined && secretPath !== null && typeof secretPath !== 'string') {
      // Absent, the folder listed is meant; anything else would be taken for a folder.
      problem = `entry ${index} of ${where} has a secretPath that is not text`;
    }
  });
  return problem;
}

/** Checks the answer's shape; all values present are masked before this returns or fails. */
export function readSecretList(body: unknown): SecretList {
  const { secrets, imports } = (body ?? {}) as { secrets?: unknown; imports?: unknown };
  const values: string[] = [];
  const problems = [scan(secrets, 'secrets', values)];
  if (imports !== undefined && imports !== null && !Array.isArray(imports)) problems.push('imports is not a list');
  const read = (Array.isArray(imports) ? imports : []).map((item: unknown, index): SecretImport => {
    const entry = (item ?? {}) as Partial<SecretImport>;
    problems.push(scan(entry.secrets, `imports[${index}].secrets`, values));
    return {
      secretPath: typeof entry.secretPath === 'string' ? entry.secretPath : '?',
      environment: typeof entry.environment === 'string' ? entry.environment : '?',
      secrets: entry.secrets as RawSecret[],
    };
  });
  // Masks first, so that a shape error cannot precede them.
  mask(values);
  const problem = problems.find((p) => p !== undefined);
  if (problem) throw new ApiError(`${CALL} failed: ${problem}`);
  return { secrets: secrets as RawSecret[], imports: read };
}

/** "project <id>" or "project <slug>", for messages. */
export function projectName(q: Pick<ListQuery, 'project'>): string {
  return `project ${'workspaceId' in q.project ? q.project.workspaceId : q.project.workspaceSlug}`;
}

const HINTS: Record<number, (q: ListQuery) => string> = {
  400: () => 'Check environment and secret-path',
  401: () => 'The access token was refused',
  403: (q) => `The identity lacks access to ${projectName(q)} or environment ${q.environment}`,
  // Infisical answers 404 for an unknown project, environment or folder; its message says which.
  404: (q) => `Check ${'workspaceId' in q.project ? 'workspace-id' : 'project-slug'}, environment and secret-path`,
};

export async function listSecrets(conn: Connection, token: string, q: ListQuery): Promise<SecretList> {
  const response = await request(conn, {
    name: CALL,
    method: 'GET',
    path: '/api/v3/secrets/raw',
    token,
    query: {
      ...q.project,
      environment: q.environment,
      secretPath: q.secretPath,
      recursive: String(q.recursive),
      include_imports: String(q.includeImports),
      expandSecretReferences: String(q.expandReferences),
    },
  });
  if (response.status < 200 || response.status > 299) throw httpFailure(CALL, response, HINTS[response.status]?.(q));
  return readSecretList(parseJson(CALL, response));
}
