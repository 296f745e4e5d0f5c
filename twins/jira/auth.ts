// Who is calling: Basic email:API-token and OAuth 2.0 bearer tokens, checked against the site's users, plus Jira's XSRF gate.
import { VendorError } from '../../src/core/errors.js';
import type { AuthRequest } from '../../src/core/twin.js';
import type { Principal } from '../../src/core/handler.js';
import type { OperationDigest } from '../../src/core/digest.js';
import { apps, credentials, users, type UserDoc } from './store.js';
import { issuerOf, verifyConnectJwt } from './connect-jwt.js';
import { jiraError, MSG, scopeMismatch, unauthorized } from './errors.js';

export interface JiraPrincipal extends Principal {
  kind: 'Basic' | 'Bearer' | 'JWT';
  subject: string;
  /** Set when an app calls as itself (a Connect JWT or a Forge app token): the app's key or id. */
  app?: string;
  appKind?: 'connect' | 'forge';
}

interface Presented {
  scheme: 'Basic' | 'Bearer' | 'JWT' | 'other';
  token: string;
  email?: string;
}

/**
 * Authorization headers already read, by their text: a client sends the same one on every call, and the
 * engine asks for the tenant's credential before it authenticates. Bounded, since the texts come from callers.
 */
const readHeaders = new Map<string, Presented>();

/** Reads the Authorization header without trusting its encoding. */
export function presented(req: Request): Presented | undefined {
  const h = req.headers.get('authorization');
  if (!h) return undefined;
  let p = readHeaders.get(h);
  if (!p) {
    if (readHeaders.size >= 256) readHeaders.clear();
    readHeaders.set(h, (p = readPresented(h)));
  }
  return p;
}

function readPresented(h: string): Presented {
  const m = /^(\S+)\s+(\S.*)$/.exec(h.trim());
  if (!m) return { scheme: 'other', token: '' };
  const scheme = m[1].toLowerCase();
  if (scheme === 'basic') {
    let decoded = '';
    try {
      decoded = Buffer.from(m[2], 'base64').toString('utf8');
    } catch {
      return { scheme: 'Basic', token: '' };
    }
    const i = decoded.indexOf(':');
    return i < 0 ? { scheme: 'Basic', token: '' } : { scheme: 'Basic', email: decoded.slice(0, i), token: decoded.slice(i + 1) };
  }
  if (scheme === 'bearer') return { scheme: 'Bearer', token: m[2].trim() };
  if (scheme === 'jwt') return { scheme: 'JWT', token: m[2].trim() };
  return { scheme: 'other', token: '' };
}

/** The credential string that identifies a tenant when the URL has no `/t/<name>` prefix. */
export function credentialOf(req: Request): string | undefined {
  const p = presented(req);
  // A Connect JWT changes with every request and its issuer (the app key) is the same on every site, so it names
  // no tenant: Connect callers address a site by its URL (`/t/<tenant>`, or the default site).
  if (p?.scheme === 'JWT') return undefined;
  return p && p.token ? p.token : undefined;
}

/**
 * Requests the twin re-dispatches to another route (v2 served by the v3 operations) keep the path the caller
 * signed: a Connect JWT's qsh covers `/rest/api/2/…`, not the v3 path that serves it.
 */
export const signedPaths = new WeakMap<Request, string>();

/**
 * A Connect app's request: the issuer names an installed app, the signature is the app's shared secret, and the
 * qsh binds the token to this method, path and query. The path is taken relative to the site's base URL (the
 * context path is not part of the canonical URI); a client that signs the full path of the URL it was given is
 * accepted too, since the `/t/<tenant>` prefix is this twin's addressing, not part of a site's own URL.
 */
async function connectApp(a: AuthRequest, token: string): Promise<JiraPrincipal | undefined> {
  const iss = issuerOf(token);
  const app = iss ? apps(a.tenant).get(iss) : undefined;
  if (!app || app.kind !== 'connect' || !app.sharedSecret) return undefined;
  const url = new URL(a.req.url);
  url.pathname = signedPaths.get(a.req) ?? url.pathname;
  const base = new URL(a.baseUrl).pathname.replace(/\/$/, '');
  // The request's path arrives relative to the site (any tenant prefix already taken off).
  const paths = base && !url.pathname.startsWith(`${base}/`) ? [url.pathname, `${base}${url.pathname}`] : [url.pathname];
  if (!(await verifyConnectJwt(token, app.sharedSecret, a.tenant.now(), a.req.method, paths, url.searchParams))) return undefined;
  return { kind: 'JWT', subject: app.accountId, token, app: app.key, appKind: 'connect' };
}

/** Synchronous for every credential but a Connect JWT, whose signature check is asynchronous. */
export function authenticate(a: AuthRequest): JiraPrincipal | Promise<JiraPrincipal> {
  const p = presented(a.req);
  // Keep it simple: no anonymous access, even where the spec allows it.
  if (!p) throw unauthorized(realmOf(a), false);
  if (p.scheme === 'JWT') return connectApp(a, p.token).then((principal) => admit(a, principal, principal ? users(a.tenant).get(principal.subject) : undefined));
  let user: UserDoc | undefined;
  let principal: JiraPrincipal | undefined;
  const cred = p.token ? credentials(a.tenant).get(p.token) : undefined;
  if (p.scheme === 'Basic' && cred?.kind === 'api_token') {
    user = users(a.tenant).get(cred.accountId);
    // An API token only works with the email address of the account that owns it.
    if (user && p.email?.toLowerCase() === user.emailAddress.toLowerCase()) {
      principal = { kind: 'Basic', subject: user.accountId, token: p.token };
    }
  } else if (p.scheme === 'Bearer' && cred?.kind === 'oauth_access_token') {
    user = users(a.tenant).get(cred.accountId);
    if (user) principal = { kind: 'Bearer', subject: user.accountId, token: p.token, scopes: cred.scopes ?? [] };
  } else if (p.scheme === 'Bearer' && cred?.kind === 'forge_app_token') {
    user = users(a.tenant).get(cred.accountId);
    if (user) principal = { kind: 'Bearer', subject: user.accountId, token: p.token, app: cred.label, appKind: 'forge' };
  }
  return admit(a, principal, user);
}

/** The realm only a refusal names. */
const realmOf = (a: AuthRequest) => new URL(a.req.url).origin;

function admit(a: AuthRequest, principal: JiraPrincipal | undefined, user: UserDoc | undefined): JiraPrincipal {
  if (!principal || !user?.active) throw unauthorized(realmOf(a), true);
  if (principal.kind === 'Bearer' && !principal.app) checkScopes(a.op, principal.scopes ?? []);
  checkAppOnly(a.op, principal);
  checkXsrf(a.req);
  return principal;
}

/**
 * Operations Jira serves only to apps. Dynamic webhooks take Connect and OAuth 2.0 apps, so a
 * bearer token passes; the rest are for Connect and Forge apps calling as themselves (a Connect JWT or a
 * Forge app token from `/_dtu/credentials`), and every user credential is refused. Refused before the
 * request is read, as Jira does. Forge's own app properties (`/rest/forge/1/app/properties`) take Forge apps only.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-webhooks/ ("Only Connect and OAuth 2.0 apps can use this operation.")
 */
const APP_ONLY_TAGS = new Set([
  'App properties', 'Dynamic modules', 'UI modifications (apps)', 'JQL functions (apps)', 'Issue custom field configuration (apps)',
  'Issue custom field values (apps)', 'Issue custom field options (apps)', 'Workflow transition rules', 'App migration', 'Issue redaction',
  'App data policies',
  // Jira Software's DevOps APIs take data from Connect and Forge apps only.
  'Builds', 'Deployments', 'Development information', 'Devops components', 'Feature flags', 'Operations', 'Remote links', 'Security information',
]);

function checkAppOnly(op: OperationDigest, principal: JiraPrincipal): void {
  const tag = op.tags?.[0] ?? '';
  if (tag === 'Webhooks' && (principal.kind !== 'Bearer' || principal.app)) throw jiraError(403, ['Only Connect and OAuth 2.0 apps can use this operation.']);
  if (op.path.startsWith('/rest/forge/') && principal.appKind !== 'forge') throw jiraError(403, ['Only Forge apps can use this operation.']);
  if (APP_ONLY_TAGS.has(tag) && !principal.app) throw jiraError(403, ['Only Connect and Forge apps can use this operation.']);
}

/**
 * OAuth 2.0 (3LO) tokens must carry the classic scope the operation lists
 * (`read:jira-work`, `write:jira-work`, `manage:jira-configuration`, …).
 */
function checkScopes(op: OperationDigest, granted: string[]): void {
  const reqs = (op.security ?? []).filter((r) => 'OAuth2' in r);
  if (!reqs.length) return;
  const ok = reqs.some((r) => r.OAuth2.every((s) => granted.includes(s)));
  if (!ok) throw scopeMismatch();
}

const XSRF_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/**
 * Jira's REST layer refuses POSTs labelled with a "simple" (browser-sendable)
 * content type — even without a body — unless `X-Atlassian-Token: no-check` is
 * sent: a 403 with a plain-text body.
 * https://support.atlassian.com/atlassian-cloud/kb/xsrf-check-failed-when-calling-cloud-apis
 * This runs at authentication time because Jira's XSRF filter sits with its
 * auth filters, ahead of the media-type check (the engine's 415) and validation.
 */
function checkXsrf(req: Request): void {
  if (req.method.toUpperCase() !== 'POST') return; // other methods are logged, not refused
  const media = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const token = (req.headers.get('x-atlassian-token') ?? '').toLowerCase();
  if (XSRF_TYPES.has(media) && token !== 'no-check' && token !== 'nocheck') {
    throw new VendorError(403, `${MSG.xsrf}. More information at https://confluence.atlassian.com/x/DhpJMQ`, { 'content-type': 'text/plain;charset=UTF-8' });
  }
}
