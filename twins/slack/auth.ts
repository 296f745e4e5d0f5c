/** Who is calling: Slack tokens (xoxb/xoxp/xapp) resolved against the workspace, with per-method token types and scopes enforced. */
import type { AuthRequest } from '../../src/core/twin.js';
import type { Principal } from '../../src/core/handler.js';
import { fail } from '../../src/core/errors.js';
import { SlackError, missingScope } from './errors.js';
import { NO_AUTH, acceptedScopes } from './model/scopes.js';
import { findToken, getUser, nowSec, type TokenDoc, type TokenType } from './store.js';

export interface SlackPrincipal extends Principal {
  kind: TokenType | 'none';
  token?: string;
  scopes: string[];
  user_id?: string;
  app_id?: string;
  bot_id?: string;
  team_id?: string;
  /** Scopes the method accepts for this token type (for `x-accepted-oauth-scopes`). */
  accepted?: string[];
}

/**
 * The engine asks for the credential (to find the tenant) and then authenticates the same request with
 * the same body: the token read the first time is answered again rather than read twice, and let go
 * once authentication has it (nothing of a request is held past it).
 */
let lastRead: { req: Request; body: unknown; token: string | undefined } | undefined;
function requestToken(req: Request, body: unknown): string | undefined {
  if (lastRead && lastRead.req === req && lastRead.body === body) return lastRead.token;
  const token = tokenOf(req, body);
  lastRead = { req, body, token };
  return token;
}

export const credentialOf = (req: Request, body: unknown): string | undefined => requestToken(req, body);

export function authenticate({ req, op, tenant, body }: AuthRequest): SlackPrincipal {
  checkPostType(req, body);
  const token = requestToken(req, body);
  lastRead = undefined;
  if (NO_AUTH.has(op.id)) return { kind: 'none', scopes: [], token };
  if (!token) return fail({ kind: 'unauthenticated', reason: 'missing' });
  const doc: TokenDoc | undefined = findToken(tenant, token);
  if (!doc) return fail({ kind: 'unauthenticated', reason: 'invalid' });
  if (doc.revoked) return fail({ kind: 'unauthenticated', reason: 'revoked' });
  if (doc.expires_at !== undefined && doc.expires_at <= nowSec(tenant)) return fail({ kind: 'unauthenticated', reason: 'expired' });
  const user = getUser(tenant, doc.user_id);
  // https://docs.slack.dev/reference/methods/auth.test — account_inactive: token of a deactivated user or bot.
  if (doc.type !== 'app' && (!user || user.deleted)) throw new SlackError('account_inactive');
  const accepted = acceptedScopes(op.id, doc.type);
  const principal: SlackPrincipal = {
    kind: doc.type,
    subject: doc.user_id,
    token,
    scopes: doc.scopes,
    user_id: doc.user_id,
    app_id: doc.app_id,
    bot_id: doc.bot_id,
    team_id: doc.team_id,
    accepted,
  };
  if (accepted === undefined) throw new SlackError('not_allowed_token_type');
  if (accepted.length && !accepted.some((s) => doc.scopes.includes(s))) throw missingScope(accepted, doc.scopes);
  return principal;
}

/** Handlers' view of the caller (the engine types it as a plain Principal). */
export const callerOf = (p: Principal): SlackPrincipal => p as SlackPrincipal;

/** For methods that need one specific scope beyond the method's any-of set (a private channel's groups:*). */
export function requireScope(p: Principal, scope: string): void {
  const c = callerOf(p);
  if (c.kind === 'none') return;
  if (!c.scopes.includes(scope)) throw missingScope([scope], c.scopes);
}

/** Media types Slack accepts on POST (common error `invalid_post_type`). */
const POST_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json', 'text/plain']);

/** Raises Slack's post-type errors for bodies it would not read. */
export function checkPostType(req: Request, body: unknown): void {
  if (req.method !== 'POST') return;
  const contentType = req.headers.get('content-type');
  const media = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const hasBody = body !== undefined && !(body instanceof Uint8Array && body.byteLength === 0);
  if (!hasBody) return;
  if (!contentType) throw new SlackError('missing_post_type');
  if (!POST_TYPES.has(media)) throw new SlackError('invalid_post_type');
}

/** The token a request carries: Bearer header, then a `token` form/query argument (not inside JSON bodies). */
export function tokenOf(req: Request, body: unknown): string | undefined {
  const h = req.headers.get('authorization');
  if (h) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
    if (m) return m[1];
  }
  const media = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (media !== 'application/json' && body && typeof body === 'object' && !(body instanceof Uint8Array)) {
    const t = (body as Record<string, unknown>).token;
    if (typeof t === 'string' && t) return t;
    if (Array.isArray(t) && typeof t[0] === 'string') return t[0];
  }
  const q = new URL(req.url).searchParams.get('token');
  return q || undefined;
}
