// Classic-app OAuth (oauth.access) and app configuration tokens (tooling.tokens.rotate, plus the control route that stands in for "Generate Token").
import type { Hono } from 'hono';
import type { Handler } from '../../../src/core/handler.js';
import type { Twin } from '../../../src/core/twin.js';
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import type { DtuEnv } from '../../../src/core/pipeline.js';
import { SlackError, invalidArguments } from '../errors.js';
import { readArgs, str } from '../handlers/args.js';
import { getUser, team, tokens } from '../store.js';
import { scopeList } from './installed-apps.js';
import { authenticateClient, ensureBotUser, grant } from './oauth.js';
import { redeemCode } from './oauth-codes.js';
import { controlTenant, jsonBody, problem, str as text } from '../control/util.js';

/**
 * oauth.access (https://docs.slack.dev/reference/methods/oauth.access): the
 * classic flow started at /oauth/authorize. The person gets a user token with
 * the requested scopes; asking for `bot` also installs the app's bot user and
 * returns its token under `bot` (classic apps' bot tokens carry the app's bot
 * scopes). A second exchange of one code is code_already_used, as this
 * method (unlike oauth.v2.access) documents.
 */
export const oauthAccess: Handler = (ctx) => {
  const args = readArgs(ctx);
  const { tenant, app: client } = authenticateClient(ctx, args);
  const rec = redeemCode(ctx.twin, tenant, 'v1', client.id, { code: str(args, 'code'), redirect_uri: str(args, 'redirect_uri') || undefined }, {
    invalid: 'invalid_code', used: 'code_already_used', expired: 'invalid_code', verifier: 'invalid_code',
  });
  const withBot = rec.scope.includes('bot');
  const user = grant(ctx.twin, tenant, client, 'user', rec.user_id, [...new Set(['identify', ...rec.user_scope])]).token;
  const t = team(tenant);
  const body: Record<string, unknown> = {
    ok: true, access_token: user.token, scope: [...scopeList(user.scopes), ...(withBot ? ['bot'] : [])].join(','), team_name: t.name, team_id: t.id, enterprise_id: t.enterprise_id ?? null,
  };
  if (withBot) {
    const app = ensureBotUser(tenant, client);
    const bot = grant(ctx.twin, tenant, app, 'bot', app.bot_user_id, scopeList(app.scopes?.bot)).token;
    body.bot = { bot_user_id: app.bot_user_id, bot_access_token: bot.token };
  }
  return { body };
};

/** App configuration tokens expire 12 hours after they are generated (https://api.slack.com/methods/tooling.tokens.rotate). */
const CONFIG_TTL_SEC = 12 * 3600;

interface ConfigRefreshDoc extends Doc {
  user_id: string;
}

const configRefresh = (t: Tenant) => t.collection<ConfigRefreshDoc>('config_refresh_tokens');

/**
 * A configuration token pair for a person: an `xoxe.xoxp-` access token (a
 * user token tied to no app, so it has no scopes and only works for methods
 * that need none, such as apps.manifest.*) and a single-use `xoxe-` refresh token.
 */
function issueConfigToken(twin: Twin, tenant: Tenant, userId: string): Record<string, unknown> {
  const r = tenant.random;
  const now = twin.clock.seconds();
  const token = `xoxe.xoxp-1-${r.chars(100)}`;
  const teamId = team(tenant).id;
  tokens(tenant).put({ id: token, token, type: 'user', user_id: userId, app_id: '', team_id: teamId, scopes: [], expires_at: now + CONFIG_TTL_SEC, config: true });
  twin.registry.registerCredential(token, tenant.name);
  const refresh = `xoxe-1-${r.chars(140)}`;
  configRefresh(tenant).put({ id: refresh, user_id: userId });
  return { token, refresh_token: refresh, team_id: teamId, user_id: userId, iat: now, exp: now + CONFIG_TTL_SEC };
}

/**
 * tooling.tokens.rotate: a refresh token buys a new configuration token and a
 * new refresh token, once; the old access token keeps working until it expires.
 */
export const toolingTokensRotate: Handler = (ctx) => {
  const args = readArgs(ctx);
  const refresh = str(args, 'refresh_token');
  if (!refresh) throw invalidArguments('missing required field: refresh_token');
  // The call carries no token, so the workspace is the one that issued the refresh token.
  const tenant = [ctx.tenant, ...ctx.twin.registry.names().map((n) => ctx.twin.tenant(n))].find((t) => configRefresh(t).has(refresh));
  const rec = tenant ? configRefresh(tenant).get(refresh) : undefined;
  const person = tenant && rec ? getUser(tenant, rec.user_id) : undefined;
  if (!tenant || !rec || !person || person.deleted) throw new SlackError('invalid_refresh_token');
  configRefresh(tenant).delete(rec.id);
  return { body: { ok: true, ...issueConfigToken(ctx.twin, tenant, rec.user_id) } };
};

/**
 * POST /_dtu/slack/config-tokens {user}: what "Generate Token" on the app
 * configuration page does for that person — a fresh configuration token pair.
 */
export function configTokenControl(app: Hono<DtuEnv>, twin: Twin): void {
  app.post('/_dtu/slack/config-tokens', async (c) => {
    const tenant = controlTenant(c, twin);
    const body = await jsonBody(c);
    const userId = text(body?.user);
    const person = userId ? getUser(tenant, userId) : undefined;
    if (!person || person.deleted || person.is_bot) return problem(c, 404, 'user must name an active person of the workspace');
    return c.json(issueConfigToken(twin, tenant, person.id), 201);
  });
}
