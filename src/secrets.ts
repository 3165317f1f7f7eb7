// Listing raw secrets and checking the answer's shape. Values are masked as soon as they are parsed.
import { httpFailure, parseJson, request, ApiError, type Connection } from './api.js';
import { mask } from './runner.js';

export interface RawSecret {
  secretKey: string;
  secretValue: string;
  secretPath?: string;
  type?: string;
}

export interface SecretImport {
  secretPath: string;
  environment: string;
  secrets: RawSecret[];
}

export interface SecretList {
  secrets: RawSecret[];
  imports: SecretImport[];
}

export interface ListQuery {
  workspaceId: string;
  environment: string;
  secretPath: string;
  recursive: boolean;
  includeImports: boolean;
  expandReferences: boolean;
}

const CALL = 'Listing secrets';

function readSecrets(raw: unknown, where: string): RawSecret[] {
  if (!Array.isArray(raw)) throw new ApiError(`${CALL} failed: the answer has no ${where} list`);
  raw.forEach((item: unknown, index) => {
    const secret = (item ?? {}) as Partial<RawSecret>;
    if (typeof secret.secretKey !== 'string' || typeof secret.secretValue !== 'string') {
      throw new ApiError(`${CALL} failed: entry ${index} of ${where} has no secretKey or secretValue`);
    }
  });
  return raw as RawSecret[];
}

/** Every string secretValue in a list that may not have the expected shape yet. */
function valuesIn(list: unknown, into: string[]): void {
  if (!Array.isArray(list)) return;
  for (const item of list) {
    const value = (item as { secretValue?: unknown } | null)?.secretValue;
    if (typeof value === 'string') into.push(value);
  }
}

/** Checks the answer's shape; all values are masked before this returns. */
export function readSecretList(body: unknown): SecretList {
  const { secrets, imports } = (body ?? {}) as { secrets?: unknown; imports?: unknown };
  // Mask whatever values are present first, so a shape error below cannot precede a mask.
  const values: string[] = [];
  valuesIn(secrets, values);
  if (Array.isArray(imports)) for (const item of imports) valuesIn((item as { secrets?: unknown })?.secrets, values);
  mask(values);

  const list: SecretList = { secrets: readSecrets(secrets, 'secrets'), imports: [] };
  if (imports === undefined || imports === null) return list;
  if (!Array.isArray(imports)) throw new ApiError(`${CALL} failed: imports is not a list`);
  list.imports = imports.map((item: unknown, index) => {
    const entry = (item ?? {}) as Partial<SecretImport>;
    return {
      secretPath: typeof entry.secretPath === 'string' ? entry.secretPath : '?',
      environment: typeof entry.environment === 'string' ? entry.environment : '?',
      secrets: readSecrets(entry.secrets, `imports[${index}].secrets`),
    };
  });
  return list;
}

const HINTS: Record<number, (q: ListQuery) => string> = {
  400: () => 'Check environment and secret-path',
  401: () => 'The access token was refused',
  403: (q) => `The identity lacks access to project ${q.workspaceId} or environment ${q.environment}`,
  404: (q) => `Check workspace-id: project ${q.workspaceId} was not found`,
};

export async function listSecrets(conn: Connection, token: string, q: ListQuery): Promise<SecretList> {
  const response = await request(conn, {
    name: CALL,
    method: 'GET',
    path: '/api/v3/secrets/raw',
    token,
    query: {
      workspaceId: q.workspaceId,
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
