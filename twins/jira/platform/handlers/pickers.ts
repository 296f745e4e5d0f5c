// The issue picker (key and summary suggestions, narrowed by the current JQL) and the apps-only user email lookups.
import type { Handlers } from '../../generated/operations.js';
import { jiraError, MSG } from '../../errors.js';
import { issues, users } from '../../store.js';
import { canSeeIssue } from '../model/permissions.js';
import { queryIssues } from '../model/jql/search.js';
import { me, type Ctx } from './common.js';

/** Bolds every occurrence of a word of `q` in `text` (the picker's `summary`/`keyHtml`). */
function bold(text: string, words: string[]): string {
  let out = text;
  for (const w of words) out = out.replace(new RegExp(`(${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`, 'ig'), '<b>$1</b>');
  return out;
}

const MAX_PICKED = 50;

/** Email lookups are for apps: a user's credential is refused with 400, not 403 (jira.js live suite, users: "refuses to report an email to user credentials at all"). */
function requireApp(ctx: Ctx): void {
  if (!ctx.principal.app) throw jiraError(400, ['Only apps can look up email addresses.']);
}

export const pickerHandlers = {
  /**
   * Issues whose key starts with the query or whose summary has a word starting with it, newest first, in the
   * "Current Search" section (narrowed by `currentJQL` when given). https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-issue-picker-get
   */
  getIssuePickerResource: (ctx) => {
    const q = String(ctx.query.query ?? '').trim();
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    const u = me(ctx);
    let pool = issues(ctx.tenant).filter((i) => canSeeIssue(ctx.tenant, u, i));
    const jql = typeof ctx.query.currentJQL === 'string' && ctx.query.currentJQL.trim() ? ctx.query.currentJQL : undefined;
    if (jql) {
      try {
        const hits = new Set(queryIssues(ctx.tenant, u.accountId, ctx.now(), jql).map((i) => i.id));
        pool = pool.filter((i) => hits.has(i.id));
      } catch (e) {
        const messages = (e as { messages?: string[] }).messages;
        if (messages) throw jiraError(400, messages);
        throw e;
      }
    }
    const current = String(ctx.query.currentIssueKey ?? '').toUpperCase();
    const subTasks = String(ctx.query.showSubTasks ?? 'true') !== 'false';
    const matches = pool
      .filter((i) => i.key.toUpperCase() !== current && (subTasks || !i.parentId))
      .filter((i) => !words.length || i.key.toLowerCase().startsWith(q.toLowerCase()) || words.every((w) => i.summary.toLowerCase().split(/\W+/).some((s) => s.startsWith(w))))
      .sort((a, b) => b.created.localeCompare(a.created));
    const shown = matches.slice(0, MAX_PICKED);
    return {
      body: {
        sections: [{
          id: 'cs',
          label: 'Current Search',
          sub: `Showing ${shown.length} of ${matches.length} matching issues`,
          issues: shown.map((i) => ({ id: Number(i.id), key: i.key, keyHtml: bold(i.key, words), img: '', summary: bold(i.summary, words), summaryText: i.summary })),
        }],
      },
    };
  },

  getUserEmail: (ctx) => {
    requireApp(ctx);
    const u = typeof ctx.query.accountId === 'string' ? users(ctx.tenant).get(ctx.query.accountId) : undefined;
    if (!u) throw jiraError(404, [MSG.userNotFound]);
    return { body: { accountId: u.accountId, email: u.emailAddress } };
  },
} satisfies Handlers;
