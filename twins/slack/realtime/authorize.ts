// The authorize pages a person approves an app on: OAuth v2, classic OAuth v1 and Sign in with Slack, each with a non-interactive approval for tests.
import type { Hono } from 'hono';
import type { Twin } from '../../../src/core/twin.js';
import type { Tenant } from '../../../src/core/tenant.js';
import type { DtuEnv } from '../../../src/core/pipeline.js';
import { TenantRegistry } from '../../../src/core/registry.js';
import { getUser, team, users } from '../store.js';
import { allApps, scopeList, type RealtimeApp } from './installed-apps.js';
import { renderAuthorizePage, renderErrorPage } from './oauth-page.js';
import { AUTHORIZE_PATH, issueCode, type AuthorizeFlow } from './oauth-codes.js';

export const tenantFor = (c: { env: DtuEnv['Bindings']; req: { query(k: string): string | undefined } }, twin: Twin): Tenant => {
  const q = c.req.query('tenant');
  return twin.tenant(c.env.tenantName ?? (q && TenantRegistry.isValidName(q) ? q : 'default'));
};

/** Slack accepts a redirect_uri equal to, or under, one of the app's configured redirect URLs. */
function redirectAllowed(app: RealtimeApp, uri: string | undefined): boolean {
  const configured = app.redirect_urls ?? [];
  if (!uri) return configured.length > 0;
  if (!/^https?:\/\//.test(uri)) return false;
  return configured.length === 0 || configured.some((u) => uri === u || uri.startsWith(u.endsWith('/') ? u : `${u}/`) || uri.startsWith(`${u}?`));
}

function withParams(uri: string, params: Record<string, string | undefined>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}

export const html = (body: string, status = 200) => new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });

export interface AuthorizeRequest {
  client_id?: string;
  scope?: string;
  user_scope?: string;
  redirect_uri?: string;
  state?: string;
  nonce?: string;
  response_type?: string;
  code_challenge?: string;
  code_challenge_method?: string;
}

/**
 * What each page asks for. v2 (https://api.slack.com/authentication/oauth-v2):
 * `scope` is bot scopes, `user_scope` user scopes. Classic v1: one `scope`
 * list of user scopes, where `bot` asks for the app's bot user. Sign in with
 * Slack (https://api.slack.com/authentication/sign-in-with-slack): `scope`
 * of openid/email/profile, `response_type=code`, an optional `nonce`.
 */
function requested(flow: AuthorizeFlow, p: AuthorizeRequest): { scope: string[]; userScope: string[]; error?: [string, string] } {
  const asked = scopeList(p.scope);
  if (flow === 'v2') return { scope: asked, userScope: scopeList(p.user_scope) };
  if (flow === 'v1') return { scope: asked.filter((s) => s === 'bot'), userScope: asked.filter((s) => s !== 'bot') };
  if (!asked.includes('openid')) return { scope: [], userScope: [], error: ['invalid_scope', 'Sign in with Slack needs the openid scope.'] };
  const unknown = asked.filter((s) => !['openid', 'email', 'profile'].includes(s));
  if (unknown.length) return { scope: [], userScope: [], error: ['invalid_scope', `Sign in with Slack does not grant ${unknown.join(', ')}.`] };
  return { scope: [], userScope: asked };
}

/**
 * Routes for one flow:
 *   GET  <path>?client_id&scope…&redirect_uri&state[&dtu_auto_approve=<user id>]  the approval page,
 *        or with dtu_auto_approve an immediate approval as that person.
 *   POST <path>   the page's form: user, decision=allow|deny, plus the original parameters.
 */
function authorizeRoutes(app: Hono<DtuEnv>, twin: Twin, flow: AuthorizeFlow): void {
  const path = AUTHORIZE_PATH[flow];
  const decide = (tenant: Tenant, p: AuthorizeRequest, userId: string | undefined, decision: string, pageUrl: string): Response => {
    const a = p.client_id ? allApps(tenant).find((x) => x.client_id === p.client_id) : undefined;
    if (!a) return html(renderErrorPage('invalid_client_id', 'No app with that client_id is installed in this workspace.'), 400);
    const redirect = p.redirect_uri ?? a.redirect_urls?.[0];
    if (!redirectAllowed(a, p.redirect_uri) || !redirect) return html(renderErrorPage('bad_redirect_uri', 'redirect_uri did not match any configured URIs.'), 400);
    if (decision === 'deny') return Response.redirect(withParams(redirect, { error: 'access_denied', state: p.state }), 302);
    if (flow === 'openid' && p.response_type !== 'code') return Response.redirect(withParams(redirect, { error: 'unsupported_response_type', state: p.state }), 302);
    const { scope, userScope, error } = requested(flow, p);
    if (error) return html(renderErrorPage(error[0], error[1]), 400);
    if (!scope.length && !userScope.length) return html(renderErrorPage('invalid_scope', 'No scopes were requested.'), 400);
    const method = p.code_challenge_method ?? (p.code_challenge ? 'plain' : undefined);
    if (method && method !== 'S256' && method !== 'plain') return Response.redirect(withParams(redirect, { error: 'invalid_request', state: p.state }), 302);
    const user = userId ? getUser(tenant, userId) : undefined;
    if (!user || user.deleted || user.is_bot) {
      if (decision === 'show') return html(renderAuthorizePage({ app: a, team: team(tenant), people: users(tenant).filter((u) => !u.deleted && !u.is_bot && u.id !== 'USLACKBOT'), scope, userScope, params: { ...p }, action: pageUrl }));
      return html(renderErrorPage('invalid_user', 'Choose a person in this workspace to approve as.'), 400);
    }
    const code = issueCode(twin, tenant, {
      app_id: a.id, user_id: user.id, scope, user_scope: userScope, redirect_uri: p.redirect_uri, flow,
      ...(p.nonce ? { nonce: p.nonce } : {}), ...(p.code_challenge ? { code_challenge: p.code_challenge, code_challenge_method: method as 'S256' | 'plain' } : {}),
    });
    return Response.redirect(withParams(redirect, { code, state: p.state }), 302);
  };
  app.get(path, (c) => {
    const q = c.req.query();
    const auto = q.dtu_auto_approve;
    return decide(tenantFor(c, twin), q, auto, auto ? 'allow' : 'show', `${c.env.prefix}${path}`);
  });
  app.post(path, async (c) => {
    let form: Record<string, string> = {};
    try {
      form = Object.fromEntries(new URLSearchParams(await c.req.text()));
    } catch {
      form = {};
    }
    return decide(tenantFor(c, twin), form, form.user, form.decision === 'deny' ? 'deny' : 'allow', `${c.env.prefix}${path}`);
  });
}

/** The three authorize pages. */
export function allAuthorizeRoutes(app: Hono<DtuEnv>, twin: Twin): void {
  for (const flow of ['v2', 'v1', 'openid'] as const) authorizeRoutes(app, twin, flow);
}
