// Authorization codes of Slack's three authorize pages (OAuth v2, classic v1, Sign in with Slack) and the checks every exchange makes.
import { createHash } from 'node:crypto';
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import type { Twin } from '../../../src/core/twin.js';
import { SlackError } from '../errors.js';
import { oauthCode } from './ids.js';

/** Codes are good for 10 minutes and one use (https://api.slack.com/authentication/oauth-v2). */
export const CODE_TTL_MS = 10 * 60_000;

/** Which page issued a code: each exchange method takes only its own page's codes. */
export type AuthorizeFlow = 'v2' | 'v1' | 'openid';

export interface CodeDoc extends Doc {
  app_id: string;
  user_id: string;
  scope: string[];
  user_scope: string[];
  redirect_uri?: string;
  expires: number;
  used?: boolean;
  /** Absent on codes stored before flows were told apart: those are v2 codes. */
  flow?: AuthorizeFlow;
  /** Twin-clock seconds of the approval (OpenID `auth_time`). */
  issued?: number;
  nonce?: string;
  code_challenge?: string;
  code_challenge_method?: 'S256' | 'plain';
}

export const codes = (t: Tenant) => t.collection<CodeDoc>('oauth_codes');

export type CodeFields = Pick<CodeDoc, 'app_id' | 'user_id' | 'scope' | 'user_scope' | 'redirect_uri' | 'flow' | 'nonce' | 'code_challenge' | 'code_challenge_method'>;

export function issueCode(twin: Twin, tenant: Tenant, fields: CodeFields): string {
  const code = oauthCode(tenant);
  codes(tenant).put({ ...fields, id: code, issued: twin.clock.seconds(), expires: twin.clock.ms() + CODE_TTL_MS });
  return code;
}

/** The page each flow must start from, for oauth_authorization_url_mismatch. */
export const AUTHORIZE_PATH: Record<AuthorizeFlow, string> = { v2: '/oauth/v2/authorize', v1: '/oauth/authorize', openid: '/openid/connect/authorize' };

export interface RedeemErrors {
  /** Unknown code. */
  invalid: string;
  /** Already exchanged. */
  used: string;
  /** Past its ten minutes. */
  expired: string;
  /** PKCE verifier missing or wrong. */
  verifier: string;
}

/**
 * Checks and spends a code for `flow`: it must exist, come from that flow's
 * authorize page (else oauth_authorization_url_mismatch, as each exchange
 * method documents), be unused and unexpired, and be redeemed by the app it
 * was issued to with the same redirect_uri ("required if your app passed it"
 * to the authorize page) and, with PKCE, the matching verifier (RFC 7636).
 */
export function redeemCode(
  twin: Twin,
  tenant: Tenant,
  flow: AuthorizeFlow,
  appId: string,
  args: { code?: string; redirect_uri?: string; code_verifier?: string },
  errors: RedeemErrors,
): CodeDoc {
  const rec = args.code ? codes(tenant).get(args.code) : undefined;
  if (!rec || rec.app_id !== appId) throw new SlackError(errors.invalid);
  if ((rec.flow ?? 'v2') !== flow) throw new SlackError('oauth_authorization_url_mismatch');
  if (rec.used) throw new SlackError(errors.used);
  if (rec.expires <= twin.clock.ms()) throw new SlackError(errors.expired);
  if (rec.redirect_uri && args.redirect_uri !== undefined && args.redirect_uri !== rec.redirect_uri) throw new SlackError('bad_redirect_uri');
  if (flow === 'openid' && rec.redirect_uri && args.redirect_uri === undefined) throw new SlackError('bad_redirect_uri');
  if (rec.code_challenge) {
    const v = args.code_verifier ?? '';
    const derived = rec.code_challenge_method === 'plain' ? v : createHash('sha256').update(v).digest('base64url');
    if (!v || derived !== rec.code_challenge) throw new SlackError(errors.verifier);
  }
  codes(tenant).patch(rec.id, { used: true });
  return rec;
}
