// JQL tooling: parse into Jira's structure (strict, warn or none), autocomplete data and value suggestions, and matching issues against queries.
import type { Handlers } from '../../generated/operations.js';
import { jiraError } from '../../errors.js';
import { findIssue, issues, issueTypes, liveCustomFields, priorities, projects, statuses, users } from '../../store.js';
import { SYSTEM_FIELDS } from '../model/fields.js';
import { clauseNames } from '../model/custom-fields.js';
import { compileJql } from '../model/jql/evaluate.js';
import { JqlError, RESERVED_WORDS } from '../model/jql/lexer.js';
import { parseJql } from '../model/jql/parser.js';
import { jqlStructure } from '../model/jql/structure.js';
import { me, objectBody, type Ctx } from './common.js';

const FUNCTIONS = [
  'currentUser()', 'membersOf()', 'now()', 'startOfDay()', 'endOfDay()', 'startOfWeek()', 'endOfWeek()', 'startOfMonth()', 'endOfMonth()',
  'startOfYear()', 'endOfYear()', 'releasedVersions()', 'unreleasedVersions()', 'latestReleasedVersion()', 'earliestUnreleasedVersion()',
  'openSprints()', 'closedSprints()', 'futureSprints()',
];

function parseOne(ctx: Ctx, query: string, validation: string) {
  try {
    const parsed = parseJql(query);
    const out: Record<string, unknown> = { query, structure: jqlStructure(parsed) };
    if (validation !== 'none') {
      try {
        compileJql({ t: ctx.tenant, me: me(ctx).accountId, now: ctx.now() }, query);
      } catch (e) {
        if (!(e instanceof JqlError)) throw e;
        if (validation === 'strict') out.errors = e.messages;
        else out.warnings = e.messages;
      }
    }
    return out;
  } catch (e) {
    if (e instanceof JqlError) return { query, errors: e.messages };
    throw e;
  }
}

function autocomplete(ctx: Ctx) {
  const system = SYSTEM_FIELDS.filter((f) => f.searchable).flatMap((f) => f.clauseNames.map((value) => ({
    value, displayName: value, orderable: String(f.orderable), searchable: 'true', operators: ['=', '!=', 'in', 'not in', 'is', 'is not'], types: [`${f.schema?.type ?? 'string'}`],
  })));
  const agile = ['sprint', '"Epic Link"', 'rank'].map((value) => ({ value, displayName: value, orderable: 'true', searchable: String(value !== 'rank'), operators: ['=', '!=', 'in', 'not in'], types: ['string'] }));
  const custom = liveCustomFields(ctx.tenant).flatMap((d) => clauseNames(d).map((value) => ({ value, displayName: `${value} - ${d.name}`, orderable: 'true', searchable: 'true', cfid: `cf[${d.id.replace('customfield_', '')}]`, operators: ['=', '!='], types: [d.type] })));
  return {
    visibleFieldNames: [...system, ...agile, ...custom],
    visibleFunctionNames: FUNCTIONS.map((value) => ({ value, displayName: value, types: ['java.lang.Object'] })),
    jqlReservedWords: [...RESERVED_WORDS],
  };
}

/** Value suggestions for the field a user is typing into, matched by prefix (case-insensitive). */
function suggestions(ctx: Ctx, field: string, typed: string) {
  const t = ctx.tenant;
  const q = typed.toLowerCase();
  const pairs: Array<[string, string]> = (() => {
    switch (field.toLowerCase()) {
      case 'project': return projects(t).filter((p) => !p.trashedAt).map((p): [string, string] => [p.key, `${p.name} (${p.key})`]);
      case 'status': return statuses(t).values().map((s): [string, string] => [s.name, s.name]);
      case 'issuetype': case 'type': return issueTypes(t).values().map((x): [string, string] => [x.name, x.name]);
      case 'priority': return priorities(t).values().map((x): [string, string] => [x.name, x.name]);
      case 'assignee': case 'reporter': case 'creator': return users(t).filter((u) => u.active).map((u): [string, string] => [u.accountId, u.displayName]);
      case 'labels': return [...new Set(issues(t).values().flatMap((i) => i.labels))].map((l): [string, string] => [l, l]);
      default: return [];
    }
  })();
  const hits = pairs.filter(([value, display]) => !q || value.toLowerCase().startsWith(q) || display.toLowerCase().split(/[\s(]+/).some((w) => w.startsWith(q)));
  return { results: hits.slice(0, 15).map(([value, displayName]) => ({ value, displayName: displayName.replace(new RegExp(`(${q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`, 'i'), '<b>$1</b>') })) };
}

export const jqlHandlers = {
  parseJqlQueries: (ctx) => {
    const b = objectBody(ctx);
    const queries = Array.isArray(b.queries) ? b.queries.map(String) : [];
    if (!queries.length) throw jiraError(400, ['At least one query is required.']);
    const validation = String(ctx.query.validation ?? b.validation ?? 'strict').toLowerCase();
    return { body: { queries: queries.map((q) => parseOne(ctx, q, validation)) } };
  },
  getAutoComplete: (ctx) => ({ body: autocomplete(ctx) }),
  getAutoCompletePost: (ctx) => ({ body: autocomplete(ctx) }),
  getFieldAutoCompleteForQueryString: (ctx) => ({ body: suggestions(ctx, String(ctx.query.fieldName ?? ''), String(ctx.query.fieldValue ?? '')) }),
  /** Which of the given issues each query matches; a query's syntax problems are reported beside it. */
  matchIssues: (ctx) => {
    const b = objectBody(ctx);
    const ids = (Array.isArray(b.issueIds) ? b.issueIds : []).map((x) => findIssue(ctx.tenant, String(x))).filter((i) => !!i);
    const jqls = Array.isArray(b.jqls) ? b.jqls.map(String) : [];
    const matches = jqls.map((jql) => {
      try {
        // Jira answers a query naming a project (or other value) that does not exist with no matches and no errors.
        const q = compileJql({ t: ctx.tenant, me: me(ctx).accountId, now: ctx.now(), lenientValues: true }, jql);
        return { matchedIssues: ids.filter((i) => q.match(i!)).map((i) => Number(i!.id)), errors: [] };
      } catch (e) {
        if (e instanceof JqlError) return { matchedIssues: [], errors: e.messages };
        throw e;
      }
    });
    return { body: { matches } };
  },
} satisfies Handlers;
