// The minimal HTML pages of the authorize step (OAuth v2, v1, Sign in with Slack): the approval form and error pages.
import type { RealtimeApp } from './installed-apps.js';
import type { SlackUser, TeamInfo } from '../store.js';

const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body>${body}</body></html>`;

export interface AuthorizePageInput {
  app: RealtimeApp;
  team: TeamInfo;
  people: SlackUser[];
  scope: string[];
  userScope: string[];
  params: Record<string, string | undefined>;
  action: string;
}

/** Authorize parameters the form carries back on submit. */
const FORWARDED = ['client_id', 'scope', 'user_scope', 'redirect_uri', 'state', 'nonce', 'response_type', 'code_challenge', 'code_challenge_method', 'team'];

/** The consent screen: who approves, what the app may do; the form posts back to the page it came from. */
export function renderAuthorizePage(p: AuthorizePageInput): string {
  const hidden = Object.entries(p.params)
    .filter(([k, v]) => v !== undefined && FORWARDED.includes(k))
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
  const options = p.people.map((u) => `<option value="${esc(u.id)}">${esc(u.real_name || u.name)} (@${esc(u.name)})</option>`).join('');
  const list = (items: string[]) => (items.length ? `<ul>${items.map((s) => `<li><code>${esc(s)}</code></li>`).join('')}</ul>` : '<p>none</p>');
  return page(
    `${p.app.name} is requesting permission to access the ${p.team.name} Slack workspace`,
    `<h1>${esc(p.app.name)} is requesting permission to access the ${esc(p.team.name)} Slack workspace</h1>
<h2>Bot scopes</h2>${list(p.scope)}<h2>User scopes</h2>${list(p.userScope)}
<form method="post" action="${esc(p.action)}">${hidden}
<label>Approve as <select name="user">${options}</select></label>
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</form>`,
  );
}

export function renderErrorPage(code: string, message: string): string {
  return page('Slack: something went wrong', `<h1>Something went wrong when authorizing this app.</h1><p><code>${esc(code)}</code>: ${esc(message)}</p>`);
}
