// Issue search with JQL: the enhanced `/search/jql` (nextPageToken, isLast), the legacy offset `/search`, id search and approximate counts.
import { createHash } from 'node:crypto';
import type { Handlers } from '../../generated/operations.js';
import { jiraError } from '../../errors.js';
import { expandSet, fieldSelector } from '../model/fields.js';
import { fieldNames, fieldSchemas, issueJson } from '../present/issue.js';
import { JqlError } from '../model/jql/lexer.js';
import { queryIssues } from '../model/jql/search.js';
import { viewOf } from '../present/site.js';
import { issues, projects, type IssueDoc } from '../../store.js';
import { intParam, listParam, type Ctx } from './common.js';
import { ReplyCache } from '../../../../src/core/reply-cache.js';

/**
 * Runs JQL for a handler: the matching issues, or Jira's 400 with the query's problems. `readsClock` is
 * told when the query read the time (relative dates, date functions).
 */
export function run(ctx: Ctx, jql: string, requireBounded: boolean, limit?: number, readsClock?: () => void): IssueDoc[] {
  try {
    const now = readsClock ? () => (readsClock(), ctx.now()) : ctx.now();
    return queryIssues(ctx.tenant, String(ctx.principal.subject), now, jql, requireBounded, limit);
  } catch (e) {
    if (e instanceof JqlError) throw jiraError(400, e.messages);
    throw e;
  }
}

/** Page tokens are opaque to callers; this one binds an offset to the query it continues. */
const queryHash = (jql: string) => createHash('sha256').update(jql).digest('base64url').slice(0, 12);
export const makeToken = (jql: string, offset: number) => Buffer.from(`${offset}:${queryHash(jql)}`).toString('base64url');

/** The offset a page token names; a bad token is reported after the query's own problems, as before. */
function pageStart(jql: string, token: unknown): { offset: number; bad?: unknown } {
  try {
    return { offset: readToken(jql, token) };
  } catch (e) {
    return { offset: 0, bad: e };
  }
}

export function readToken(jql: string, token: unknown): number {
  if (token === undefined || token === null || token === '') return 0;
  const m = /^(\d+):(.+)$/.exec(Buffer.from(String(token), 'base64url').toString('utf8'));
  if (!m || m[2] !== queryHash(jql)) throw jiraError(400, ['The provided next page token is invalid or does not belong to this query.']);
  return Number(m[1]);
}

/** `names`/`schema` expansions at the level of the whole result. */
function resultExpansions(ctx: Ctx, expand: Set<string>, sample: Array<Record<string, unknown>>) {
  const out: Record<string, unknown> = {};
  const ids = new Set(sample.flatMap((i) => Object.keys((i.fields as Record<string, unknown>) ?? {})));
  if (expand.has('names')) out.names = fieldNames(viewOf(ctx), [...ids]);
  if (expand.has('schema')) out.schema = fieldSchemas(viewOf(ctx), [...ids]);
  return out;
}

interface EnhancedParams {
  jql?: unknown;
  nextPageToken?: unknown;
  maxResults?: unknown;
  fields?: unknown;
  expand?: unknown;
}

/**
 * `/search/jql`: bounded JQL only, `id` alone unless `fields` is given, and
 * `nextPageToken` instead of offsets (absent on the last page).
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-get
 */
export function enhancedSearch(ctx: Ctx, p: EnhancedParams, readsClock?: () => void) {
  const jql = typeof p.jql === 'string' ? p.jql : '';
  const fieldList = listParam(p.fields);
  const idOnly = fieldList.length === 0;
  const keysOnly = fieldList.every((f) => f === 'id' || f === 'key');
  const maxResults = intParam(p.maxResults, 50, 1, keysOnly ? 5000 : 100);
  const { offset, bad } = pageStart(jql, p.nextPageToken);
  // One issue past the page says whether another page follows.
  const all = run(ctx, jql, true, offset + maxResults + 1, readsClock);
  if (bad) throw bad;
  const page = all.slice(offset, offset + maxResults);
  const v = viewOf(ctx);
  const expand = expandSet(p.expand);
  const select = fieldSelector(fieldList, '*navigable');
  const list = page.map((i) => issueJson(v, i, { select, expand, idOnly }));
  const isLast = offset + page.length >= all.length;
  return {
    body: {
      issues: list,
      ...(isLast ? {} : { nextPageToken: makeToken(jql, offset + page.length) }),
      isLast,
      ...resultExpansions(ctx, expand, list),
    },
  };
}

function legacySearch(ctx: Ctx, p: { jql?: unknown; startAt?: unknown; maxResults?: unknown; fields?: unknown; expand?: unknown }, readsClock?: () => void) {
  const jql = typeof p.jql === 'string' ? p.jql : '';
  const all = run(ctx, jql, false, undefined, readsClock);
  const startAt = intParam(p.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
  const maxResults = intParam(p.maxResults, 50, 0, 100);
  const v = viewOf(ctx);
  const expand = expandSet(p.expand);
  const select = fieldSelector(p.fields, '*navigable');
  const list = all.slice(startAt, startAt + maxResults).map((i) => issueJson(v, i, { select, expand }));
  return { body: { expand: 'schema,names', startAt, maxResults, total: all.length, issues: list, ...resultExpansions(ctx, expand, list) } };
}

/**
 * Search pages, kept until the site's next change. A page reads the site's state, the caller (permissions,
 * `currentUser()`), the base URL and the arguments; a query that reads the clock is answered but not kept.
 */
const searchPages = new ReplyCache('jira search');
const kept = (ctx: Ctx, args: unknown, search: (readsClock: () => void) => { body: unknown }) =>
  searchPages.reply(ctx.tenant, `${ctx.op.id} ${ctx.principal.subject} ${ctx.baseUrl} ${JSON.stringify(args)}`, (readsClock) => search(readsClock).body);

export const searchHandlers = {
  searchForIssuesUsingJql: (ctx) => kept(ctx, ctx.query, (c) => legacySearch(ctx, ctx.query as Record<string, unknown>, c)),
  searchForIssuesUsingJqlPost: (ctx) => kept(ctx, ctx.body, (c) => legacySearch(ctx, (ctx.body ?? {}) as Record<string, unknown>, c)),
  searchAndReconsileIssuesUsingJql: (ctx) => kept(ctx, ctx.query, (c) => enhancedSearch(ctx, ctx.query as EnhancedParams, c)),
  searchAndReconsileIssuesUsingJqlPost: (ctx) => kept(ctx, ctx.body, (c) => enhancedSearch(ctx, (ctx.body ?? {}) as EnhancedParams, c)),
  countIssues: (ctx) => countIssues(ctx),
  searchForIssuesIds: (ctx) => searchIds(ctx),
} satisfies Handlers;

/** `POST /search/approximate-count`: the number of issues a bounded query matches. */
export function countIssues(ctx: Ctx) {
  const jql = typeof (ctx.body as { jql?: unknown })?.jql === 'string' ? (ctx.body as { jql: string }).jql : '';
  return { body: { count: run(ctx, jql, true).length } };
}

/** `POST /search/id`: issue ids only, paged by token like `/search/jql`. */
export function searchIds(ctx: Ctx) {
  const b = (ctx.body ?? {}) as EnhancedParams;
  const jql = typeof b.jql === 'string' ? b.jql : '';
  const maxResults = intParam(b.maxResults, 1000, 1, 10000);
  const { offset, bad } = pageStart(jql, b.nextPageToken);
  const all = run(ctx, jql, true, offset + maxResults + 1);
  if (bad) throw bad;
  const page = all.slice(offset, offset + maxResults);
  const done = offset + page.length >= all.length;
  return { body: { issueIds: page.map((i) => Number(i.id)), ...(done ? {} : { nextPageToken: makeToken(jql, offset + page.length) }) } };
}
