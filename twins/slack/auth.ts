/** Who is calling: Slack tokens (xoxb/xoxp/xapp) resolved against the workspace, with per-method token types and scopes enforced. */
import type { AuthRequest } from '../../src/core/twin.js';
import type { Principal } from '../../src/core/handler.js';
import { fail } from '../../src/core/errors.js';
import { SlackError, missingScope } from './errors.js';
import { checkPostType, tokenOf } from './args.js';
import { NO_AUTH, acceptedScopes } from './scopes.js';
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

export const credentialOf = (req: Request, body: unknown): string | undefined => tokenOf(req, body);

export function authenticate({ req, op, tenant, body }: AuthRequest): SlackPrincipal {
  checkPostType(req, body);
  const token = tokenOf(req, body);
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
