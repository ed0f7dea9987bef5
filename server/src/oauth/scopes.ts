import { ALL_SCOPES } from '../context';
import { OAuthError } from './oauth-error';

/** Requested scopes (space separated) checked against what the client may have; empty means all of them. */
export function grantScopes(requested: unknown, allowed: readonly string[]): string[] {
  if (requested === undefined || requested === null || requested === '') return [...allowed];
  if (typeof requested !== 'string')
    throw new OAuthError(400, 'invalid_scope', 'scope must be a space-separated string.');
  const wanted = [...new Set(requested.split(/[\s+]+/).filter(Boolean))];
  const unknown = wanted.filter((s) => !(ALL_SCOPES as readonly string[]).includes(s));
  if (unknown.length) throw new OAuthError(400, 'invalid_scope', `Unknown scope: ${unknown.join(' ')}.`);
  const denied = wanted.filter((s) => !allowed.includes(s));
  if (denied.length) throw new OAuthError(400, 'invalid_scope', `This client may not request: ${denied.join(' ')}.`);
  return wanted;
}
