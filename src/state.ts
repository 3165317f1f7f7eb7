// What the main step hands to the post step, named in one place so both agree (as actions/checkout).
// core.saveState writes it for the runner, which passes it to the post step (core.getState reads it).
import * as core from '@actions/core';
import type { WrittenFile } from './export/export.js';
import type { NetworkSettings } from './infisical/connection.js';
import type { Settings } from './inputs.js';

export function markMainStarted(): void {
  core.saveState('isPost', 'true');
}

export function isPost(): boolean {
  return core.getState('isPost') === 'true';
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
  core.saveState('token', settings.revokeToken ? token : '');
  core.saveState('network', JSON.stringify(network));
}

/**
 * Saved before the file takes its path, so the post step deletes it even when main stops later; its
 * id tells it from a file another step puts there later. Returns what takes the save back, for when
 * the file never took its path: a file that was there before stays (a later entry of the same name
 * replaces the earlier one).
 */
export function saveExportedFile({ path, id }: WrittenFile): () => void {
  core.saveState('exportedFile', path);
  core.saveState('exportedFileId', id);
  return () => core.saveState('exportedFile', '');
}

/** The .env file the post step deletes, if main wrote one and keep-file is false. */
export function exportedFile(): WrittenFile | undefined {
  const path = core.getState('exportedFile');
  return path ? { path, id: core.getState('exportedFileId') } : undefined;
}

export interface SavedToken {
  token: string;
  network: NetworkSettings;
}

/** The token to revoke, or undefined when main never got one or revoke-token is false. */
export function savedToken(): SavedToken | undefined {
  const token = core.getState('token');
  if (token === '') return undefined;
  return { token, network: JSON.parse(core.getState('network')) as NetworkSettings };
}
