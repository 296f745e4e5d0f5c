// The browser side of Okta sessions (the `sid` cookie), the hosted sign-in page, error pages, and /logout.
import type { Tenant } from '../../../../src/core/tenant.js';
import { endSession, liveSession, type SessionDoc } from '../../model/sessions.js';
import type { UserDoc } from '../../store.js';
import { readOwnJwt } from '../model/tokens.js';
import { findOAuthClient } from '../../store.js';
import type { AsContext } from '../model/context.js';

export function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.get('cookie') ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/** The live session named by the request's `sid` cookie, with its (still active) user. */
export function currentSession(t: Tenant, req: Request): { session: SessionDoc; user: UserDoc } | undefined {
  return liveSession(t, cookieValue(req, 'sid'));
}

/** The cookie is scoped to the tenant's path prefix, so tenants on one host keep separate sessions. */
export function sessionCookie(prefix: string, sid: string | undefined): string {
  const path = prefix || '/';
  return sid ? `sid=${sid}; Path=${path}; HttpOnly; SameSite=Lax` : `sid=""; Path=${path}; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax`;
}

/** HTML escaping for text and double-quoted attributes (the only places values are written). */
export const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

const html = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { 'content-type': 'text/html;charset=utf-8', 'cache-control': 'no-cache, no-store', pragma: 'no-cache', ...headers } });

/** Okta's plain error page for requests it will not redirect back (bad client or redirect URI). */
export function errorPage(status: number, summary: string, code?: string): Response {
  return html(
    `<!DOCTYPE html><html><head><title>${status} Bad Request</title></head><body>` +
      `<h1>${status} Bad Request</h1><p>Your request resulted in an error. ${esc(summary)}</p>` +
      (code ? `<p>Error Code: <span id="error-code">${esc(code)}</span></p>` : '') +
      `</body></html>`,
    status,
  );
}

/**
 * The hosted sign-in page. It posts the original /authorize parameters back with
 * `username` and `password`; a headless client can send that same POST directly.
 */
export function loginPage(action: string, params: URLSearchParams, opts: { error?: string; status?: number } = {}): Response {
  const hidden = [...params]
    .filter(([k]) => k !== 'username' && k !== 'password')
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
  const hint = params.get('login_hint') ?? params.get('username') ?? '';
  return html(
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign In</title></head><body>` +
      `<main id="okta-sign-in"><h2>Sign In</h2>` +
      (opts.error ? `<div role="alert" class="o-form-error-container">${esc(opts.error)}</div>` : '') +
      `<form method="POST" action="${esc(action)}" id="form">${hidden}` +
      `<label for="okta-signin-username">Username</label><input id="okta-signin-username" name="username" type="text" autocomplete="username" value="${esc(hint)}">` +
      `<label for="okta-signin-password">Password</label><input id="okta-signin-password" name="password" type="password" autocomplete="current-password">` +
      `<input id="okta-signin-submit" type="submit" value="Sign In"></form></main></body></html>`,
    opts.status ?? 200,
  );
}

/** `response_mode=form_post`: a page that posts the result to the client (OAuth 2.0 Form Post Response Mode). */
export function formPostPage(target: string, params: Record<string, string>): Response {
  const fields = Object.entries(params).map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join('');
  return html(
    `<!DOCTYPE html><html><head><title>Submit This Form</title></head><body onload="document.forms[0].submit()">` +
      `<form method="post" action="${esc(target)}">${fields}<noscript><input type="submit" value="Submit"></noscript></form></body></html>`,
    200,
  );
}

/**
 * /logout (docs "/logout"): ends the session when `id_token_hint` names its user, then
 * redirects to a registered `post_logout_redirect_uri` (with `state`) or the sign-in page.
 */
export async function logoutEndpoint(ctx: AsContext, req: Request, params: URLSearchParams, prefix: string): Promise<Response> {
  const hint = params.get('id_token_hint');
  if (!hint) return errorPage(400, "The 'id_token_hint' parameter is required.", 'invalid_request');
  const r = await readOwnJwt(ctx, hint);
  // An expired ID token is still a good hint; only a forged or foreign one is refused.
  let claims = r.ok ? r.claims : undefined;
  if (!r.ok && r.reason === 'expired') claims = JSON.parse(Buffer.from(hint.split('.')[1], 'base64url').toString('utf8'));
  if (!claims) return errorPage(400, "The 'id_token_hint' parameter is invalid.", 'invalid_request');
  const target = params.get('post_logout_redirect_uri');
  const app = typeof claims.aud === 'string' ? findOAuthClient(ctx.tenant, claims.aud) : undefined;
  if (target) {
    const allowed = (app?.settings?.oauthClient?.post_logout_redirect_uris ?? []) as string[];
    if (!allowed.includes(target)) return errorPage(400, "The 'post_logout_redirect_uri' parameter must be a Logout redirect URI in the client app settings", 'invalid_request');
  }
  const current = currentSession(ctx.tenant, req);
  const headers: Record<string, string> = {};
  if (current && current.user.id === claims.sub) {
    endSession(ctx.tenant, current.session.id);
    headers['set-cookie'] = sessionCookie(prefix, undefined);
  }
  let location = `${ctx.orgUrl}/login/default`;
  if (target) {
    const u = new URL(target);
    const state = params.get('state');
    if (state !== null) u.searchParams.set('state', state);
    location = u.toString();
  }
  return new Response(null, { status: 302, headers: { location, 'cache-control': 'no-cache, no-store', ...headers } });
}
