/** Tokens: the xoxb/xoxp/xapp credentials an app installation issues, in Slack's formats. */
import type { Tenant } from '../../../src/core/tenant.js';
import { tokens } from '../store.js';
import type { AppDoc, TokenDoc } from '../types.js';

const DIGITS = '0123456789';

export function issueToken(tenant: Tenant, type: TokenDoc['type'], app: AppDoc, userId: string, scopes: string[], teamId: string): TokenDoc {
  const r = tenant.random;
  const token =
    type === 'bot' ? `xoxb-${r.chars(13, DIGITS)}-${r.chars(13, DIGITS)}-${r.chars(24)}`
    : type === 'user' ? `xoxp-${r.chars(13, DIGITS)}-${r.chars(13, DIGITS)}-${r.chars(13, DIGITS)}-${r.hex(32)}`
    : `xapp-1-${app.id}-${r.chars(13, DIGITS)}-${r.hex(64)}`;
  const doc: TokenDoc = { id: token, token, type, user_id: userId, app_id: app.id, team_id: teamId, scopes, ...(type === 'bot' ? { bot_id: app.bot_id } : {}) };
  return tokens(tenant).put(doc);
}
