/** Why a vendor refused a request, read from its own error body, and what a caller changes to succeed. */
import type { Vendor } from '../vendors.js';

export type Cause = 'authentication' | 'scope' | 'permission' | 'lifecycle' | 'validation' | 'not_found' | 'conflict' | 'rate_limit' | 'injected_fault' | 'not_implemented' | 'server' | 'unknown';

export interface Explanation {
  status: number;
  vendorError: string;
  message: string;
  cause: Cause;
  details?: unknown;
  fix: string;
}

interface Rule { cause: Cause; fix: string }

/** Slack `error` codes (https://docs.slack.dev/reference/methods — each method lists its errors). */
const SLACK: Record<string, Rule> = {
  not_authed: { cause: 'authentication', fix: 'send a token: Authorization: Bearer xoxb-… (or the token argument)' },
  invalid_auth: { cause: 'authentication', fix: 'the token is unknown or revoked in this workspace; take a fresh one from list_twins' },
  token_revoked: { cause: 'authentication', fix: 'the token was revoked; take a fresh one from list_twins' },
  token_expired: { cause: 'authentication', fix: 'the rotating token expired; refresh it with oauth.v2.access grant_type=refresh_token' },
  account_inactive: { cause: 'authentication', fix: 'the token belongs to a deactivated user or an uninstalled app' },
  missing_scope: { cause: 'scope', fix: 'the token lacks the scope in "needed"; use a token whose app has it, or add it to the app config (/_dtu/slack/apps/:id/config)' },
  not_allowed_token_type: { cause: 'scope', fix: 'this method needs another token type (bot, user or app-level)' },
  not_in_channel: { cause: 'permission', fix: 'the bot is not a member: call conversations.join (public) or invite it (conversations.invite) first' },
  channel_not_found: { cause: 'not_found', fix: 'check the channel id (conversations.list); private channels are invisible to non-members' },
  user_not_found: { cause: 'not_found', fix: 'check the user id (users.list)' },
  message_not_found: { cause: 'not_found', fix: 'check channel + ts of the message (conversations.history)' },
  thread_not_found: { cause: 'not_found', fix: 'thread_ts must be the ts of a parent message in that channel' },
  is_archived: { cause: 'lifecycle', fix: 'the channel is archived: conversations.unarchive it or use another channel' },
  cant_update_message: { cause: 'permission', fix: 'only the author (same token identity) may update a message' },
  cant_delete_message: { cause: 'permission', fix: 'only the author, or an admin user token, may delete a message' },
  edit_window_closed: { cause: 'lifecycle', fix: 'the workspace edit window for messages has passed' },
  already_reacted: { cause: 'conflict', fix: 'that reaction is already there from this user' },
  no_reaction: { cause: 'not_found', fix: 'there is no such reaction from this user to remove' },
  name_taken: { cause: 'conflict', fix: 'a channel with that name exists; pick another name' },
  already_in_channel: { cause: 'conflict', fix: 'the user is already a member' },
  no_text: { cause: 'validation', fix: 'send text, blocks or attachments' },
  invalid_arguments: { cause: 'validation', fix: 'see response_metadata.messages for the argument that is wrong' },
  invalid_blocks: { cause: 'validation', fix: 'the blocks do not follow Block Kit; see response_metadata.messages' },
  ratelimited: { cause: 'rate_limit', fix: 'wait Retry-After seconds; rate limits are enforced only when asked (PUT /_dtu/ratelimits)' },
  restricted_action: { cause: 'permission', fix: 'workspace settings forbid this action for this user' },
  method_not_supported_for_channel_type: { cause: 'validation', fix: 'this method does not work on that kind of conversation' },
};

/** Okta `errorCode`s (https://developer.okta.com/docs/reference/error-codes/). */
const OKTA: Record<string, Rule> = {
  E0000001: { cause: 'validation', fix: 'fix the fields named in errorCauses' },
  E0000003: { cause: 'validation', fix: 'the body is not valid JSON' },
  E0000004: { cause: 'authentication', fix: 'the credentials (username/password) are wrong' },
  E0000005: { cause: 'authentication', fix: 'the session is invalid; sign in again' },
  E0000006: { cause: 'permission', fix: 'the token\'s admin role does not allow this; use the super admin token from list_twins' },
  E0000007: { cause: 'not_found', fix: 'check the id (the resource may have been deleted; users are deleted in two steps)' },
  E0000011: { cause: 'authentication', fix: 'the API token is invalid or expired; take a fresh one from list_twins' },
  E0000015: { cause: 'permission', fix: 'this feature is not enabled in the org' },
  E0000016: { cause: 'lifecycle', fix: 'the user is already activated' },
  E0000022: { cause: 'permission', fix: 'the API is not enabled for this org' },
  E0000032: { cause: 'lifecycle', fix: 'unlock only applies to LOCKED_OUT users' },
  E0000038: { cause: 'lifecycle', fix: 'the operation is not allowed in the user\'s current status; check status and call the matching lifecycle operation first' },
  E0000047: { cause: 'rate_limit', fix: 'wait until x-rate-limit-reset; limits are enforced only when asked (PUT /_dtu/ratelimits)' },
  E0000056: { cause: 'lifecycle', fix: 'deactivate the app before deleting it' },
  E0000060: { cause: 'not_implemented', fix: 'the twin does not serve this operation yet (see the coverage tool)' },
};

export function explain(vendor: Vendor, status: number, body: unknown, notes: string[] = []): Explanation {
  const b = (body ?? {}) as Record<string, any>;
  const injected = notes.find((n) => /fault/i.test(n));
  if (injected) return { status, vendorError: errorName(vendor, b) ?? String(status), message: injected, cause: 'injected_fault', fix: 'a fault rule produced this; list_faults shows it and clear_faults removes it' };
  switch (vendor) {
    case 'slack': {
      const code = String(b.error ?? (status === 429 ? 'ratelimited' : 'unknown'));
      const rule = SLACK[code] ?? byStatus(status);
      const details = code === 'missing_scope' ? { needed: b.needed, provided: b.provided } : b.response_metadata;
      return { status, vendorError: code, message: code, cause: rule.cause, details, fix: rule.fix };
    }
    case 'okta': {
      const code = String(b.errorCode ?? status);
      const rule = OKTA[code] ?? byStatus(status);
      return { status, vendorError: code, message: String(b.errorSummary ?? ''), cause: rule.cause, details: b.errorCauses?.length ? b.errorCauses : undefined, fix: rule.fix };
    }
    case 'jira': {
      const messages = (b.errorMessages as string[] | undefined) ?? [];
      const fields = b.errors && Object.keys(b.errors).length ? b.errors : undefined;
      const rule = status === 404
        ? { cause: 'not_found' as Cause, fix: 'the issue/project does not exist, or the caller may not browse it (Jira answers 404, not 403, then): check the key and the project\'s permission scheme' }
        : fields ? { cause: 'validation' as Cause, fix: 'fix the fields named in "errors" (createmeta/editmeta list what a screen allows)' } : byStatus(status);
      return { status, vendorError: messages[0] ?? (fields ? 'field errors' : String(status)), message: messages.join(' ') || JSON.stringify(fields ?? {}), cause: rule.cause, details: fields, fix: rule.fix };
    }
    case 'google': {
      const e = (b.error ?? {}) as Record<string, any>;
      const reason = String(e.errors?.[0]?.reason ?? e.status ?? status);
      const rule = /insufficientPermissions|ACCESS_TOKEN_SCOPE_INSUFFICIENT/i.test(JSON.stringify(e))
        ? { cause: 'scope' as Cause, fix: 'the token lacks a scope this method needs; use a token (or service-account delegation) with that scope' }
        : reason === 'notFound' ? { cause: 'not_found' as Cause, fix: 'the file/resource does not exist or is not shared with the caller (Drive answers 404 for both)' }
        : byStatus(status);
      return { status, vendorError: reason, message: String(e.message ?? ''), cause: rule.cause, details: e.errors, fix: rule.fix };
    }
  }
}

function errorName(vendor: Vendor, b: Record<string, any>): string | undefined {
  return vendor === 'slack' ? b.error : vendor === 'okta' ? b.errorCode : vendor === 'jira' ? b.errorMessages?.[0] : b.error?.errors?.[0]?.reason;
}

function byStatus(status: number): Rule {
  if (status === 401) return { cause: 'authentication', fix: 'send valid credentials (list_twins gives them)' };
  if (status === 403) return { cause: 'permission', fix: 'the caller is authenticated but not allowed: use an admin credential or grant the permission' };
  if (status === 404) return { cause: 'not_found', fix: 'check the path and ids' };
  if (status === 409) return { cause: 'conflict', fix: 'the resource changed or already exists; read it again and retry' };
  if (status === 429) return { cause: 'rate_limit', fix: 'wait as Retry-After says' };
  if (status === 501) return { cause: 'not_implemented', fix: 'the twin does not serve this operation yet (see the coverage tool)' };
  if (status >= 500) return { cause: 'server', fix: 'a failure inside the twin; its journal entry notes say more' };
  if (status >= 400) return { cause: 'validation', fix: 'the request is malformed; compare it with the vendor\'s documented arguments' };
  return { cause: 'unknown', fix: 'no failure recognized' };
}

/** Whether an exchange failed as the vendor reports failure (Slack: HTTP 200 with ok:false). */
export function failed(vendor: Vendor, status: number, body: unknown): boolean {
  if (status >= 400) return true;
  return vendor === 'slack' && (body as { ok?: boolean } | undefined)?.ok === false;
}
