// What the main step hands to the post step, named in one place so both agree (as actions/checkout).
// The runner passes saved state to the post step as STATE_<name>; the state file is never printed.
import type { NetworkSettings } from './connection.js';
import type { Settings } from './inputs.js';
import { saveState, state } from './runner.js';

export function markMainStarted(): void {
  saveState({ isPost: 'true' });
}

export function isPost(): boolean {
  return state('isPost') === 'true';
}

/** Saved the moment a token exists, so the post step revokes it even when main fails later. */
export function saveToken(token: string, settings: Settings): void {
  // What the post step needs to reach Infisical the way main did.
  const network: NetworkSettings = {
    domain: settings.domain,
    retries: settings.retries,
    requestTimeoutMs: settings.requestTimeoutMs,
    caCertificates: settings.caCertificates,
    extraHeaders: settings.extraHeaders,
  };
  saveState({ token: settings.revokeToken ? token : '', network: JSON.stringify(network) });
}

/**
 * Saved before the file is written, so the post step deletes it even when main fails later. Returns
 * what takes the save back, for when the file was never written: a file that was there before stays.
 */
export function saveExportedFile(path: string): () => void {
  return saveState({ exportedFile: path });
}

/** The .env file the post step deletes, if main wrote one and keep-file is false. */
export function exportedFile(): string | undefined {
  return state('exportedFile') || undefined;
}

export interface SavedToken {
  token: string;
  network: NetworkSettings;
}

/** The token to revoke, or undefined when main never got one or revoke-token is false. */
export function savedToken(): SavedToken | undefined {
  const token = state('token');
  if (token === '') return undefined;
  return { token, network: JSON.parse(state('network')) as NetworkSettings };
}
