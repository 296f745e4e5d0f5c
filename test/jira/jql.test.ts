// JQL through /search/jql on the seeded site: clauses, operators, functions, ordering, and Jira's validation and syntax messages.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failure, startJira, type Site } from './helpers.js';

let jira: Awaited<ReturnType<typeof startJira>>;
let site: Site;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(async () => {
  await jira.server.close();
});
beforeEach(async () => {
  site = await jira.site();
});

async function keys(jql: string): Promise<string[]> {
  const out: string[] = [];
  let nextPageToken: string | undefined;
  do {
    const page = await site.client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql, fields: ['key'], maxResults: 100, nextPageToken });
    out.push(...page.issues!.map((i) => i.key!));
    nextPageToken = page.nextPageToken;
  } while (nextPageToken);
  return out;
}
const sorted = async (jql: string) => (await keys(jql)).sort();
const jqlError = async (jql: string) => (await failure(site.client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql }))).data.errorMessages as string[];

describe('JQL clauses on the seeded site', () => {
  it('project = KEY, and project by name or id', async () => {
    expect(await sorted('project = ENG')).toEqual(['ENG-1', 'ENG-2', 'ENG-3', 'ENG-4', 'ENG-5', 'ENG-6']);
    expect(await sorted('project = "Mobile App"')).toEqual(['MOB-1', 'MOB-2']);
    const mob = await site.client.projects.getProject({ projectIdOrKey: 'MOB' });
    expect(await sorted(`project = ${mob.id}`)).toEqual(['MOB-1', 'MOB-2']);
  });

  it('status = "In Progress" (names match case-insensitively) combined with IN', async () => {
    expect(await sorted('project in (ENG, MOB) AND status = "in progress"')).toEqual(['ENG-1', 'ENG-2', 'MOB-2']);
  });

  it('assignee = currentUser(), IS EMPTY, and != skipping unassigned issues', async () => {
    expect(await sorted('assignee = currentUser()')).toEqual(['ENG-1']);
    expect(await sorted('assignee is EMPTY')).toEqual(['ENG-6', 'MKT-3']);
    const notJordan = await sorted('project = ENG AND assignee != "Jordan Lee"');
    expect(notJordan).toEqual(['ENG-1', 'ENG-2', 'ENG-3']);
  });

  it('labels in (a, b) and labels not in (…) (which never matches unlabelled issues)', async () => {
    expect(await sorted('labels in (api, crash)')).toEqual(['ENG-1', 'ENG-2', 'MOB-2']);
    expect(await sorted('project = MKT AND labels not in (launch)')).toEqual(['MKT-2']);
  });

  it('text ~ and summary ~ match words (stemmed, wildcards), including comments', async () => {
    expect(await sorted('text ~ "cursor"')).toEqual(['ENG-2', 'ENG-3']);
    expect(await sorted('summary ~ "crash"')).toEqual(['MOB-2']);
    expect(await sorted('summary ~ "log*"')).toEqual(['ENG-4']);
    expect(await sorted('comment ~ "staging"')).toEqual(['ENG-4']);
    expect(await sorted('summary ~ "\\"session cookie\\""')).toEqual(['ENG-4']);
  });

  it('AND / OR / NOT with parentheses follow JQL precedence', async () => {
    expect(await sorted('NOT status = Done AND project = MKT')).toEqual(['MKT-1', 'MKT-3']);
    expect(await sorted('(project = MKT OR priority = Highest) AND status != Done')).toEqual(['ENG-4', 'MKT-1', 'MKT-3']);
    expect(await sorted('project = MKT AND status = Done OR project = MOB AND status = "To Do"')).toEqual(['MKT-2', 'MOB-1']);
  });

  it('priority comparisons, resolution = Unresolved, issuetype, parent and key', async () => {
    expect(await sorted('priority >= High')).toEqual(['ENG-1', 'ENG-2', 'ENG-4', 'MOB-2']);
    expect(await sorted('project = ENG AND resolution = Unresolved')).toEqual(['ENG-1', 'ENG-2', 'ENG-4', 'ENG-6']);
    expect(await sorted('issuetype = Bug')).toEqual(['ENG-4', 'ENG-6', 'MOB-2']);
    expect(await sorted('parent = ENG-2')).toEqual(['ENG-3']);
    expect(await sorted('key in (ENG-1, MOB-1)')).toEqual(['ENG-1', 'MOB-1']);
    expect(await sorted('project = ENG AND key > ENG-4')).toEqual(['ENG-5', 'ENG-6']);
  });

  it('created >= -7d and due dates', async () => {
    expect(await sorted('created >= -7d')).toEqual(['ENG-4', 'ENG-6', 'MKT-3', 'MOB-2']);
    expect(await sorted('due < "2031/01/01"')).toEqual(['ENG-6']);
    expect(await sorted('project = ENG AND duedate is not EMPTY')).toEqual(['ENG-6']);
  });

  it('status CHANGED and WAS use the issue history', async () => {
    expect(await sorted('project = MOB AND status CHANGED')).toEqual(['MOB-2']);
    expect(await sorted('project = MOB AND status WAS "To Do"')).toEqual(['MOB-1', 'MOB-2']);
  });

  it('watcher = currentUser() follows watches (reporters watch what they report)', async () => {
    expect(await sorted('watcher = currentUser()')).toEqual(['ENG-1', 'ENG-2', 'ENG-5']);
  });

  it('ORDER BY created DESC, priority DESC, and ties broken in the first key’s direction', async () => {
    expect(await keys('project = ENG ORDER BY created DESC')).toEqual(['ENG-6', 'ENG-4', 'ENG-3', 'ENG-5', 'ENG-2', 'ENG-1']);
    expect(await keys('project = ENG ORDER BY priority DESC, key ASC')).toEqual(['ENG-4', 'ENG-1', 'ENG-2', 'ENG-3', 'ENG-5', 'ENG-6']);
    expect(await keys('project = MKT ORDER BY key')).toEqual(['MKT-1', 'MKT-2', 'MKT-3']);
  });
});

describe("JQL errors in Jira's words", () => {
  it('unknown fields and values are reported together', async () => {
    expect(await jqlError('foo = bar AND status = Nope')).toEqual([
      "Field 'foo' does not exist or you do not have permission to view it.",
      "The value 'Nope' does not exist for the field 'status'.",
    ]);
  });

  it('syntax errors cite the line and character', async () => {
    expect(await jqlError('project = ENG AND')).toEqual(['Error in the JQL Query: Expecting a field name at the end of the query.']);
    expect(await jqlError('project = ENG status = Done')).toEqual(["Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'status'. (line 1, character 15)"]);
    expect(await jqlError('summary ~ "open')).toEqual(["Error in the JQL Query: The quoted string 'open' has not been completed. (line 1, character 11)"]);
    expect(await jqlError('status = and')).toEqual(["Error in the JQL Query: Expecting either a value, list or function but got 'and'. You must surround 'and' in quotation marks to use it as a value. (line 1, character 10)"]);
    expect(await jqlError('(project = ENG')).toEqual(["Error in the JQL Query: Expecting ')' before the end of the query."]);
    expect(await jqlError('labels in api')).toEqual(["Error in the JQL Query: Expecting '(' but got 'api'. (line 1, character 11)"]);
    expect(await jqlError('summary ~ a.b')).toEqual(["Error in the JQL Query: The character '.' is a reserved JQL character. You must enclose it in a string or use the escape '\\u002e' instead. (line 1, character 12)"]);
  });

  it('operators, dates and functions are validated per field', async () => {
    expect(await jqlError('project ~ ENG')).toEqual(["The operator '~' is not supported by the 'project' field."]);
    expect(await jqlError('created > "yesterday"')).toEqual([
      "Date value 'yesterday' for field 'created' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.",
    ]);
    expect(await jqlError('assignee = whoAmI()')).toEqual(["Unable to find JQL function 'whoAmI()'."]);
    expect(await jqlError('key = ENG-999')).toEqual(["An issue with key 'ENG-999' does not exist for field 'key'."]);
    expect(await jqlError('project = ENG ORDER BY wibble')).toEqual(["Not able to sort using field 'wibble'."]);
  });

  it('/search/jql refuses unbounded queries; the legacy /search allows them', async () => {
    expect(await jqlError('ORDER BY created DESC')).toEqual(['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
    const all = await site.client.issueSearch.searchForIssuesUsingJql({ jql: 'ORDER BY created DESC', maxResults: 1 });
    expect(all.total).toBe(11);
  });

  it('a page token only continues the query that issued it', async () => {
    const first = await site.client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = ENG', maxResults: 2 });
    const e = await failure(site.client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = MOB', nextPageToken: first.nextPageToken }));
    expect(e.status).toBe(400);
  });
});
