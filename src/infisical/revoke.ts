// Revoking the access token in the post step, so it is dead when the job ends.
import { httpFailure, request } from './api.js';
import { connectionFor } from './connection.js';
import { info, mask } from '../runner.js';
import type { SavedToken } from '../state.js';

export async function revokeToken({ token, network }: SavedToken): Promise<void> {
  // Again, in case main's masks never reached the runner (main was killed after saving the token).
  mask([token, ...Object.values(network.extraHeaders)]);
  const call = 'Revoking the access token';
  const response = await request(connectionFor(network), {
    name: call,
    method: 'POST',
    path: '/api/v1/auth/token/revoke',
    json: { accessToken: token },
  });
  if (response.status < 200 || response.status > 299) throw httpFailure(call, response);
  info('Revoked the Infisical access token');
}
