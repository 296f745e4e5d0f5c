// Verifies org-server access tokens (Bearer or DPoP-bound) presented to the management API under /api/v1.
import type { Principal } from '../../../../src/core/handler.js';
import type { Tenant } from '../../../../src/core/tenant.js';
import type { Twin } from '../../../../src/core/twin.js';
import { oktaErrorWith } from '../../errors.js';
import { ORG, verifyOwnJwt } from '../model/keys.js';
import { clientLive, isRevoked } from '../model/tokens.js';
import { ProofError, verifyProof } from '../model/dpop.js';
import { orgIssuers } from '../model/context.js';

/**
 * A rejected token: 401 E0000011 with the `WWW-Authenticate` challenge Okta adds
 * for OAuth callers (docs "/userinfo" error example for the challenge's wording).
 */
function rejected(scheme: 'Bearer' | 'DPoP', description: string, error = 'invalid_token') {
  return oktaErrorWith('E0000011', [], { headers: { 'www-authenticate': `${scheme} error="${error}", error_description="${description}"` } });
}

/**
 * The principal behind `Authorization: Bearer|DPoP <access token>`; undefined when
 * the request carries neither scheme. Only the org authorization server's tokens
 * (issuer = the org URL) are good for Okta's own APIs; a DPoP-bound token (`cnf.jkt`)
 * needs the DPoP scheme and a proof for this request (`htm`, `htu`, `ath`, same key).
 */
export async function verifyApiAccessToken(twin: Twin, tenant: Tenant, req: Request): Promise<Principal | undefined> {
  const m = /^\s*(Bearer|DPoP)\s+(\S+)\s*$/i.exec(req.headers.get('authorization') ?? '');
  if (!m) return undefined;
  const scheme = m[1].toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer';
  const token = m[2];
  const r = await verifyOwnJwt(tenant, ORG, token);
  if (!r.ok) throw rejected(scheme, r.reason === 'expired' ? 'The token has expired.' : 'The access token is invalid.');
  const c = r.claims;
  const issuers = orgIssuers(twin, tenant, req);
  if (typeof c.iss !== 'string' || !issuers.includes(c.iss) || c.aud !== c.iss || typeof c.cid !== 'string' || isRevoked(tenant, c.jti) || !clientLive(tenant, c.cid)) {
    throw rejected(scheme, 'The access token is invalid.');
  }
  const jkt = (c.cnf as { jkt?: string } | undefined)?.jkt;
  if (jkt) {
    if (scheme !== 'DPoP') throw rejected('DPoP', 'The access token is bound to a DPoP key; use the DPoP authorization scheme.', 'invalid_dpop_proof');
    const proof = req.headers.get('dpop');
    if (!proof) throw rejected('DPoP', 'The DPoP proof JWT header is missing.', 'invalid_dpop_proof');
    // The client addressed the org URL; the engine has already stripped any tenant prefix from the path.
    const url = new URL(req.url);
    const htu = issuers.map((i) => `${i}${url.pathname}`);
    try {
      const p = await verifyProof(proof, { htm: req.method, htu, now: tenant.now(), accessToken: token });
      if (p.jkt !== jkt) throw new ProofError('the proof key does not match the token binding');
    } catch (e) {
      if (e instanceof ProofError) throw rejected('DPoP', `The DPoP proof JWT is invalid: ${e.message}`, 'invalid_dpop_proof');
      throw e;
    }
  } else if (scheme === 'DPoP') {
    throw rejected('DPoP', 'The access token is not bound to a DPoP key.', 'invalid_dpop_proof');
  }
  const scopes = Array.isArray(c.scp) ? c.scp.filter((s): s is string => typeof s === 'string') : [];
  return {
    kind: 'oauth',
    subject: typeof c.uid === 'string' ? c.uid : c.cid,
    scopes,
    clientId: c.cid,
    token,
    tokenId: c.jti,
    ...(typeof c.uid === 'string' ? { userId: c.uid } : {}),
  };
}
