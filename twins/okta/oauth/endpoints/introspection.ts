// /introspect, /revoke and /userinfo: reading, revoking and using the tokens a server issued.
import { users } from '../../store.js';
import { authenticateClient } from './client-auth.js';
import { NO_STORE, bearerChallenge, oauthError } from '../errors.js';
import { ProofError, verifyProof } from '../model/dpop.js';
import { clientLive, findRefreshAnyClient, profileClaims, readOwnJwt, refreshActive, revokeJti, saveRefresh } from '../model/tokens.js';
import type { AsContext } from '../model/context.js';

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...NO_STORE, ...headers } });

const secs = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** Token introspection (RFC 7662; docs "/introspect"): an inactive, unknown or foreign token is just `{active:false}`. */
export async function introspectEndpoint(ctx: AsContext, req: Request, form: URLSearchParams): Promise<Response> {
  await authenticateClient(ctx, form, req.headers, ctx.endpoint('introspect'));
  const token = form.get('token');
  if (!token) throw oauthError(400, 'invalid_request', "The 'token' parameter is required.");
  const hint = form.get('token_type_hint');
  if (hint !== 'refresh_token' && token.split('.').length === 3) {
    const r = await readOwnJwt(ctx, token);
    if (!r.ok) return json({ active: false });
    const c = r.claims;
    if (typeof c.cid === 'string') {
      return json({
        active: true,
        scope: Array.isArray(c.scp) ? c.scp.join(' ') : '',
        ...(c.uid ? { username: c.sub } : {}),
        exp: c.exp,
        iat: c.iat,
        sub: c.sub,
        aud: c.aud,
        iss: c.iss,
        jti: c.jti,
        token_type: c.cnf ? 'DPoP' : 'Bearer',
        client_id: c.cid,
        ...(c.uid ? { uid: c.uid } : {}),
      });
    }
    // An ID token: its claims, marked active.
    return json({ active: true, ...c });
  }
  const doc = findRefreshAnyClient(ctx, token);
  if (!doc || !refreshActive(ctx, doc) || !clientLive(ctx.tenant, doc.clientId)) return json({ active: false });
  const user = users(ctx.tenant).get(doc.userId);
  return json({
    active: true,
    token_type: 'Bearer',
    scope: doc.scopes.join(' '),
    client_id: doc.clientId,
    username: user?.profile.login,
    ...(doc.expiresAt ? { exp: secs(doc.expiresAt) } : {}),
    iat: secs(doc.created),
    sub: user?.profile.login,
    iss: ctx.issuer,
    uid: doc.userId,
  });
}

/**
 * Token revocation (RFC 7009; docs "/revoke"): 200 with no body, also for unknown
 * or already revoked tokens; a client only revokes its own.
 */
export async function revokeEndpoint(ctx: AsContext, req: Request, form: URLSearchParams): Promise<Response> {
  const client = await authenticateClient(ctx, form, req.headers, ctx.endpoint('revoke'));
  const token = form.get('token');
  if (!token) throw oauthError(400, 'invalid_request', "The 'token' parameter is required.");
  if (token.split('.').length === 3) {
    const r = await readOwnJwt(ctx, token);
    if (r.ok && r.claims.cid === client.clientId && typeof r.claims.jti === 'string') revokeJti(ctx.tenant, r.claims.jti, Number(r.claims.exp));
  } else {
    const doc = findRefreshAnyClient(ctx, token);
    if (doc && doc.clientId === client.clientId && doc.status === 'ACTIVE') {
      doc.status = 'REVOKED';
      doc.lastUpdated = ctx.tenant.now().toISOString();
      saveRefresh(ctx, doc);
    }
  }
  return new Response(null, { status: 200, headers: NO_STORE });
}

/**
 * /userinfo (docs "/userinfo"): the user's claims for the token's scopes. A bad
 * token gets a body-less 401 with a `WWW-Authenticate` challenge; a token without
 * `openid` a 403 with `insufficient_scope`.
 */
export async function userinfoEndpoint(ctx: AsContext, req: Request): Promise<Response> {
  const m = /^\s*(Bearer|DPoP)\s+(\S+)\s*$/i.exec(req.headers.get('authorization') ?? '');
  const scheme = m && m[1].toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer';
  const invalid = () => new Response(null, { status: 401, headers: { ...NO_STORE, ...bearerChallenge(scheme, 'invalid_token', 'The access token is invalid') } });
  if (!m) return invalid();
  const token = m[2];
  const r = await readOwnJwt(ctx, token);
  if (!r.ok || typeof r.claims.cid !== 'string') return invalid();
  const cnf = r.claims.cnf as { jkt?: string } | undefined;
  if (cnf?.jkt) {
    if (scheme !== 'DPoP') return invalid();
    try {
      const proof = await verifyProof(req.headers.get('dpop') ?? '', { htm: req.method, htu: [ctx.endpoint('userinfo')], now: ctx.tenant.now(), accessToken: token });
      if (proof.jkt !== cnf.jkt) return invalid();
    } catch (e) {
      if (e instanceof ProofError) return invalid();
      throw e;
    }
  }
  const scopes = Array.isArray(r.claims.scp) ? (r.claims.scp as string[]) : [];
  const user = typeof r.claims.uid === 'string' ? users(ctx.tenant).get(r.claims.uid) : undefined;
  if (!scopes.includes('openid') || !user) {
    return new Response(null, {
      status: 403,
      headers: { ...NO_STORE, ...bearerChallenge(scheme, 'insufficient_scope', 'The access token must provide access to at least one of these scopes - profile, email, address or phone') },
    });
  }
  return json({ sub: user.id, ...profileClaims(ctx.tenant, user, scopes, false) });
}
