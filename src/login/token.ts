// Token Auth: an access token Infisical issued to the identity beforehand, given as the input
// `token`. No login call. It was masked before any input was read (src/main.ts), and the post step
// never revokes it: revoke-token applies to tokens this action obtained, and this one belongs to
// whoever issued it (other jobs may be using it).
import { mask } from '../runner.js';
import type { Login } from './exchange.js';

export function tokenLogin(token: string): Login {
  mask([token]);
  return { accessToken: token, revocable: false };
}
