// OAuth v2 exchanges: oauth.v2.access/exchange, token grants and rotation shared with the other flows, auth.revoke, apps.event.authorizations.list.
import type { Handler, OpContext } from '../../../src/core/handler.js';
import type { Handlers } from '../generated/operations.js';
import type { Twin } from '../../../src/core/twin.js';
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { SlackError, missingScope } from '../errors.js';
import { readArgs, str } from '../handlers/args.js';
import { apps, findToken, getConversation, getUser, team, tokens, users, type TokenDoc } from '../store.js';
import { issueToken } from '../model/tokens.js';
import { makeUser } from '../model/people.js';
import { allApps, getApp, isMember, scopeList, tokenLive, type RealtimeApp } from './installed-apps.js';
import { decodeEventContext, publishEvent } from './bus.js';
import { redeemCode } from './oauth-codes.js';

/** Rotating tokens live 12 hours (`expires_in: 43200` in Slack's token rotation docs). */
const ROTATION_TTL_SEC = 43_200;

interface RefreshDoc extends Doc {
  app_id: string;
  user_id: string;
  token_type: 'bot' | 'user';
  scopes: string[];
}

const refreshTokens = (t: Tenant) => t.collection<RefreshDoc>('oauth_refresh_tokens');

/** client_id/client_secret from HTTP Basic auth (Slack's preference) or from the arguments. */
function clientCredentials(ctx: OpContext, args: Record<string, unknown>): { id?: string; secret?: string } {
  const h = ctx.headers.get('authorization') ?? '';
  const m = /^Basic\s+(\S+)$/i.exec(h);
  if (m) {
    const [id, ...rest] = Buffer.from(m[1], 'base64').toString('utf8').split(':');
    return { id, secret: rest.join(':') };
  }
  return { id: str(args, 'client_id'), secret: str(args, 'client_secret') };
}

export function authenticateClient(ctx: OpContext, args: Record<string, unknown>): { tenant: Tenant; app: RealtimeApp } {
  const cred = clientCredentials(ctx, args);
  if (!cred.id) throw new SlackError('invalid_client_id');
  // The exchange carries no token, so the workspace is the one the client_id belongs to.
  for (const tenant of [ctx.tenant, ...loadedTenants(ctx.twin).filter((t) => t !== ctx.tenant)]) {
    const app = allApps(tenant).find((a) => a.client_id === cred.id);
    if (!app) continue;
    if (cred.secret !== app.client_secret) throw new SlackError('bad_client_secret');
    return { tenant, app };
  }
  throw new SlackError('invalid_client_id');
}

const loadedTenants = (twin: Twin): Tenant[] => twin.registry.names().map((n) => twin.tenant(n));

/** Issues (or, without rotation, reuses) the installation's token of one type, granting the union of scopes. */
export function grant(twin: Twin, tenant: Tenant, app: RealtimeApp, type: 'bot' | 'user', userId: string, scopes: string[]): { token: TokenDoc; refresh?: string } {
  const existing = tokens(tenant).find((k) => k.app_id === app.id && k.type === type && k.user_id === userId && tokenLive(tenant, k) && k.expires_at === undefined);
  const all = [...new Set([...(existing ? scopeList(existing.scopes) : []), ...scopes])];
  const teamId = team(tenant).id;
  let doc: TokenDoc;
  let refresh: string | undefined;
  if (app.token_rotation_enabled) {
    const r = tenant.random;
    const token = type === 'bot' ? `xoxe.xoxb-1-${r.chars(80)}` : `xoxe.xoxp-1-${r.chars(80)}`;
    doc = tokens(tenant).put({ id: token, token, type, user_id: userId, app_id: app.id, team_id: teamId, scopes: all, expires_at: twin.clock.seconds() + ROTATION_TTL_SEC, ...(type === 'bot' ? { bot_id: app.bot_id } : {}) });
    refresh = `xoxe-1-${r.chars(120)}`;
    refreshTokens(tenant).put({ id: refresh, app_id: app.id, user_id: userId, token_type: type, scopes: all });
  } else if (existing) {
    doc = tokens(tenant).patch(existing.id, { scopes: all })!;
  } else {
    doc = issueToken(tenant, type, app, userId, all, teamId);
  }
  twin.registry.registerCredential(doc.token, tenant.name);
  const kind = type === 'bot' ? 'bot' : 'user';
  const current = app.scopes ?? { bot: [], user: [] };
  apps(tenant).patch(app.id, { scopes: { ...current, [kind]: [...new Set([...scopeList(current[kind]), ...all])] } });
  return { token: doc, refresh };
}

/** Apps installed with bot scopes need a bot user; apps seeded without one get it on first install. */
export function ensureBotUser(tenant: Tenant, app: RealtimeApp): RealtimeApp {
  if (app.bot_user_id && getUser(tenant, app.bot_user_id)) return app;
  const botId = app.bot_id || `B${tenant.random.chars(10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`;
  const name = app.name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'bot';
  const user = users(tenant).put(makeUser(tenant, team(tenant).id, { name, real_name: app.name, is_bot: true, bot_id: botId, app_id: app.id }));
  return apps(tenant).patch(app.id, { bot_id: botId, bot_user_id: user.id }) as RealtimeApp;
}

export const teamView = (t: Tenant) => ({ id: team(t).id, name: team(t).name });
export const enterpriseView = (t: Tenant) => (team(t).enterprise_id ? { id: team(t).enterprise_id, name: team(t).enterprise_name } : null);

/** oauth.v2.access answers every bad code with invalid_code, and a wrong PKCE verifier with invalid_code_verifier. */
const V2_CODE_ERRORS = { invalid: 'invalid_code', used: 'invalid_code', expired: 'invalid_code', verifier: 'invalid_code_verifier' };

/** oauth.v2.access (https://api.slack.com/methods/oauth.v2.access): code exchange, or grant_type=refresh_token. */
export const oauthV2Access: Handler = (ctx) => {
  const args = readArgs(ctx);
  const { tenant, app: client } = authenticateClient(ctx, args);
  const grantType = str(args, 'grant_type') ?? 'authorization_code';
  if (grantType === 'refresh_token') return { body: refreshGrant(ctx.twin, tenant, client, str(args, 'refresh_token')) };
  if (grantType !== 'authorization_code') throw new SlackError('invalid_grant_type');
  const rec = redeemCode(ctx.twin, tenant, 'v2', client.id, { code: str(args, 'code'), redirect_uri: str(args, 'redirect_uri') || undefined, code_verifier: str(args, 'code_verifier') }, V2_CODE_ERRORS);
  let app = client;
  const body: Record<string, unknown> = { ok: true, app_id: app.id, authed_user: { id: rec.user_id } };
  if (rec.scope.length) {
    app = ensureBotUser(tenant, app);
    const { token, refresh } = grant(ctx.twin, tenant, app, 'bot', app.bot_user_id, rec.scope);
    Object.assign(body, { scope: scopeList(token.scopes).join(','), token_type: 'bot', access_token: token.token, bot_user_id: app.bot_user_id });
    if (refresh) Object.assign(body, { refresh_token: refresh, expires_in: (token.expires_at ?? 0) - ctx.twin.clock.seconds() });
  }
  if (rec.user_scope.length) {
    const { token, refresh } = grant(ctx.twin, tenant, app, 'user', rec.user_id, rec.user_scope);
    const authed: Record<string, unknown> = { id: rec.user_id, scope: scopeList(token.scopes).join(','), access_token: token.token, token_type: 'user' };
    if (refresh) Object.assign(authed, { refresh_token: refresh, expires_in: (token.expires_at ?? 0) - ctx.twin.clock.seconds() });
    body.authed_user = authed;
    if (!rec.scope.length) body.token_type = 'user';
  }
  if (!app.installer_user_id) apps(tenant).patch(app.id, { installer_user_id: rec.user_id });
  Object.assign(body, { team: teamView(tenant), enterprise: enterpriseView(tenant), is_enterprise_install: false });
  return { body };
};

/** Token rotation (https://api.slack.com/authentication/rotation): a refresh token is used once, for a new pair. */
export function refreshGrant(twin: Twin, tenant: Tenant, app: RealtimeApp, refresh: string | undefined): Record<string, unknown> {
  const rec = refresh ? refreshTokens(tenant).get(refresh) : undefined;
  if (!rec || rec.app_id !== app.id) throw new SlackError('invalid_refresh_token');
  refreshTokens(tenant).delete(rec.id);
  const rotating = { ...app, token_rotation_enabled: true };
  const { token, refresh: next } = grant(twin, tenant, rotating, rec.token_type, rec.user_id, rec.scopes);
  const body: Record<string, unknown> = {
    ok: true, app_id: app.id, scope: scopeList(token.scopes).join(','), token_type: rec.token_type, access_token: token.token,
    refresh_token: next, expires_in: (token.expires_at ?? 0) - twin.clock.seconds(), team: teamView(tenant), enterprise: enterpriseView(tenant), is_enterprise_install: false,
  };
  if (rec.token_type === 'bot') body.bot_user_id = rec.user_id;
  else body.authed_user = { id: rec.user_id };
  return body;
}

/** oauth.v2.exchange: a long-lived token becomes a rotating one (https://api.slack.com/methods/oauth.v2.exchange). */
export const oauthV2Exchange: Handler = (ctx) => {
  const args = readArgs(ctx);
  const { tenant, app } = authenticateClient(ctx, args);
  const raw = str(args, 'token') ?? (ctx.principal.token ? String(ctx.principal.token) : undefined);
  const old = raw ? findToken(tenant, raw) : undefined;
  if (!old || !tokenLive(tenant, old) || old.app_id !== app.id || old.type === 'app') throw new SlackError('invalid_token');
  const type = old.type === 'bot' ? 'bot' : 'user';
  const { token, refresh } = grant(ctx.twin, tenant, { ...app, token_rotation_enabled: true }, type, old.user_id, scopeList(old.scopes));
  const body: Record<string, unknown> = {
    ok: true, app_id: app.id, scope: scopeList(token.scopes).join(','), token_type: type, access_token: token.token, refresh_token: refresh,
    expires_in: (token.expires_at ?? 0) - ctx.twin.clock.seconds(), team: teamView(tenant), enterprise: enterpriseView(tenant), is_enterprise_install: false,
  };
  if (type === 'bot') body.bot_user_id = old.user_id;
  else body.authed_user = { id: old.user_id };
  return { body };
};

/**
 * auth.revoke (https://api.slack.com/methods/auth.revoke): the calling token stops working
 * (`token_revoked` afterwards); `test=1` only reports. The app hears `tokens_revoked`, and
 * `app_uninstalled` once its bot token is gone.
 */
export const authRevoke: Handler = (ctx) => {
  const args = readArgs(ctx);
  const raw = ctx.principal.token ? String(ctx.principal.token) : undefined;
  const doc = raw ? findToken(ctx.tenant, raw) : undefined;
  if (!doc) throw new SlackError('invalid_auth');
  const test = ['1', 'true'].includes(String(str(args, 'test') ?? '').toLowerCase());
  if (test) return { body: { ok: true, revoked: false } };
  tokens(ctx.tenant).patch(doc.id, { revoked: true });
  if (doc.type !== 'app' && getApp(ctx.tenant, doc.app_id)) {
    const ev = { type: 'tokens_revoked', tokens: doc.type === 'bot' ? { bot: [doc.user_id] } : { oauth: [doc.user_id] } };
    publishEvent(ctx.twin, ctx.tenant, ev, { app: doc.app_id });
    if (doc.type === 'bot') publishEvent(ctx.twin, ctx.tenant, { type: 'app_uninstalled' }, { app: doc.app_id });
  }
  return { body: { ok: true, revoked: true } };
};

/** apps.event.authorizations.list: installations an event is visible to, given its `event_context`. */
export const appsEventAuthorizationsList: Handler = (ctx) => {
  const args = readArgs(ctx);
  const raw = ctx.principal.token ? String(ctx.principal.token) : undefined;
  const tok = raw ? findToken(ctx.tenant, raw) : undefined;
  if (!tok) throw new SlackError('invalid_auth');
  if (tok.type !== 'app') throw new SlackError('not_allowed_token_type');
  if (!scopeList(tok.scopes).includes('authorizations:read')) throw missingScope(['authorizations:read'], scopeList(tok.scopes));
  const context = str(args, 'event_context');
  if (!context) throw new SlackError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: event_context'] } });
  const decoded = decodeEventContext(context);
  if (!decoded || decoded.tid !== team(ctx.tenant).id) throw new SlackError('invalid_event_context');
  if (decoded.aid !== tok.app_id) throw new SlackError('auth_mismatch');
  const app = getApp(ctx.tenant, tok.app_id);
  const teamId = team(ctx.tenant).id;
  const list = tokens(ctx.tenant)
    .filter((k) => k.app_id === tok.app_id && (k.type === 'bot' || k.type === 'user') && tokenLive(ctx.tenant, k))
    .filter((k) => !decoded.cid || !getConversation(ctx.tenant, decoded.cid) || isMember(ctx.tenant, decoded.cid, k.type === 'bot' ? app?.bot_user_id : k.user_id))
    .map((k) => ({ enterprise_id: team(ctx.tenant).enterprise_id ?? null, team_id: teamId, user_id: k.type === 'bot' ? (app?.bot_user_id ?? k.user_id) : k.user_id, is_bot: k.type === 'bot', is_enterprise_install: false }));
  const unique = list.filter((a, i) => list.findIndex((b) => b.user_id === a.user_id) === i);
  return { body: { ok: true, authorizations: unique, response_metadata: { next_cursor: '' } } };
};

export const oauthHandlers = {
  'oauth.v2.access': oauthV2Access,
  'oauth.v2.exchange': oauthV2Exchange,
  'auth.revoke': authRevoke,
  'apps.event.authorizations.list': appsEventAuthorizationsList,
} satisfies Handlers;
