// jira.js (Version3Client) against the Jira twin: auth, projects, issues, transitions, comments, JQL search and paging, strict status schemas, and Jira's errors.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Version3Client } from 'jira.js';
import { adf, failure, startJira, type Site } from './helpers.js';

const JIRA_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/;

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

async function newProject(key = 'TWIN') {
  const me = await site.client.myself.getCurrentUser();
  return site.client.projects.createProject({ key, name: `Project ${key}`, projectTypeKey: 'software', leadAccountId: me.accountId! });
}

describe('jira.js Version3Client against the twin', () => {
  it('authenticates with Basic email:API token (GET /rest/api/3/myself)', async () => {
    const me = await site.client.myself.getCurrentUser();
    expect(me.accountId).toBe(site.creds.accountId);
    expect(me.emailAddress).toBe(site.creds.email);
    expect(me.active).toBe(true);
    expect(me.self).toBe(`${site.host}/rest/api/3/user?accountId=${me.accountId}`);
  });

  it('authenticates with an OAuth 2.0 bearer access token', async () => {
    const oauth = new Version3Client({ host: site.host, authentication: { oauth2: { accessToken: site.creds.accessToken } } });
    const me = await oauth.myself.getCurrentUser();
    expect(me.accountId).toBe(site.creds.accountId);
  });

  it('creates a project (ProjectIdentifiers with a numeric id) and reads it back by key and by id', async () => {
    const created = await newProject();
    expect(typeof created.id).toBe('number');
    expect(created.key).toBe('TWIN');
    const byKey = await site.client.projects.getProject({ projectIdOrKey: 'TWIN' });
    const byId = await site.client.projects.getProject({ projectIdOrKey: String(created.id) });
    expect(byKey.id).toBe(String(created.id));
    expect(byId.key).toBe('TWIN');
    expect(byKey.projectTypeKey).toBe('software');
    expect(byKey.issueTypes?.map((t) => t.name)).toEqual(['Epic', 'Story', 'Task', 'Bug', 'Subtask']);
    expect(byKey.lead?.accountId).toBe(site.creds.accountId);
  });

  it('creates issues with per-project keys and reads fields back, ADF description included', async () => {
    await newProject();
    const description = adf('Steps to reproduce');
    const first = await site.client.issues.createIssue({
      fields: { project: { key: 'TWIN' }, issuetype: { name: 'Bug' }, summary: 'It crashes', description: description as any, labels: ['crash', 'ios'], priority: { name: 'High' } },
    });
    const second = await site.client.issues.createIssue({ fields: { project: { key: 'TWIN' }, issuetype: { name: 'Task' }, summary: 'Second' } });
    expect(first.key).toBe('TWIN-1');
    expect(second.key).toBe('TWIN-2');
    const issue = await site.client.issues.getIssue({ issueIdOrKey: first.key! });
    expect(issue.id).toBe(first.id);
    expect(issue.fields.summary).toBe('It crashes');
    expect(issue.fields.description).toEqual(description);
    expect(issue.fields.labels).toEqual(['crash', 'ios']);
    expect(issue.fields.priority?.name).toBe('High');
    expect(issue.fields.status?.name).toBe('To Do');
    expect(issue.fields.status?.statusCategory?.key).toBe('new');
    expect(issue.fields.reporter?.accountId).toBe(site.creds.accountId);
    expect(issue.fields.created).toMatch(JIRA_TIME);
    const some = await site.client.issues.getIssue({ issueIdOrKey: first.id!, fields: ['summary', 'labels'] });
    expect(Object.keys(some.fields).sort()).toEqual(['labels', 'summary']);
  });

  it('transitions To Do → In Progress → Done, resolves on Done and records the changelog', async () => {
    await newProject();
    const { key } = await site.client.issues.createIssue({ fields: { project: { key: 'TWIN' }, issuetype: { name: 'Task' }, summary: 'Ship it' } });
    const { transitions } = await site.client.issues.getTransitions({ issueIdOrKey: key! });
    expect(transitions?.map((t) => t.to?.name)).toEqual(['In Progress', 'Done']);
    await site.client.issues.doTransition({ issueIdOrKey: key!, transition: { id: transitions!.find((t) => t.to?.name === 'In Progress')!.id! } });
    expect((await site.client.issues.getIssue({ issueIdOrKey: key! })).fields.status?.name).toBe('In Progress');
    await site.client.issues.doTransition({ issueIdOrKey: key!, transition: { id: '31' } });
    const done = await site.client.issues.getIssue({ issueIdOrKey: key!, expand: 'changelog' });
    expect(done.fields.status?.name).toBe('Done');
    expect(done.fields.resolution?.name).toBe('Done');
    expect(done.fields.resolutiondate).toMatch(JIRA_TIME);
    const statusChanges = done.changelog!.histories!.flatMap((h) => h.items!.filter((i) => i.field === 'status').map((i) => `${i.fromString}→${i.toString}`));
    expect(statusChanges.sort()).toEqual(['In Progress→Done', 'To Do→In Progress']);
    await site.client.issues.doTransition({ issueIdOrKey: key!, transition: { id: '11' } });
    const reopened = await site.client.issues.getIssue({ issueIdOrKey: key! });
    expect(reopened.fields.resolution).toBeNull();
  });

  it('adds, lists, edits and deletes comments with ADF bodies', async () => {
    await newProject();
    const { key } = await site.client.issues.createIssue({ fields: { project: { key: 'TWIN' }, issuetype: { name: 'Task' }, summary: 'Discuss' } });
    const c1 = await site.client.issueComments.addComment({ issueIdOrKey: key!, comment: adf('First') as any });
    await site.client.issueComments.addComment({ issueIdOrKey: key!, comment: adf('Second') as any });
    expect(c1.author?.accountId).toBe(site.creds.accountId);
    const listed = await site.client.issueComments.getComments({ issueIdOrKey: key! });
    expect(listed.total).toBe(2);
    expect(listed.comments?.map((c) => (c.body as any).content[0].content[0].text)).toEqual(['First', 'Second']);
    const edited = await site.client.issueComments.updateComment({ issueIdOrKey: key!, id: c1.id!, body: adf('First, edited') as any });
    expect((edited.body as any).content[0].content[0].text).toBe('First, edited');
    await site.client.issueComments.deleteComment({ issueIdOrKey: key!, id: c1.id! });
    const after = await site.client.issueComments.getComments({ issueIdOrKey: key! });
    expect(after.comments?.map((c) => c.id)).not.toContain(c1.id);
    const gone = await failure(site.client.issueComments.getComment({ issueIdOrKey: key!, id: c1.id! }));
    expect(gone.status).toBe(404);
  });

  it('searches with JQL and pages through /search/jql with nextPageToken until isLast', async () => {
    await newProject();
    for (let n = 1; n <= 5; n++) {
      await site.client.issues.createIssue({ fields: { project: { key: 'TWIN' }, issuetype: { name: 'Task' }, summary: `Item ${n}`, labels: n % 2 ? ['odd'] : ['even'] } });
    }
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await site.client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = TWIN ORDER BY key ASC', maxResults: 2, nextPageToken: token, fields: ['summary'] });
      pages++;
      seen.push(...page.issues!.map((i) => i.key!));
      // jira.js's SearchAndReconcileResults type lacks `isLast`, which Jira sends.
      if ((page as { isLast?: boolean }).isLast) {
        expect(page.nextPageToken).toBeUndefined();
        break;
      }
      token = page.nextPageToken!;
      expect(token).toBeTruthy();
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(['TWIN-1', 'TWIN-2', 'TWIN-3', 'TWIN-4', 'TWIN-5']);
    const odd = await site.client.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: 'project = TWIN AND labels = odd', fields: ['labels'] });
    expect(odd.issues!.map((i) => i.key).sort()).toEqual(['TWIN-1', 'TWIN-3', 'TWIN-5']);
    const idsOnly = await site.client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = TWIN' });
    expect(Object.keys(idsOnly.issues![0])).toEqual(['id']);
    const legacy = await site.client.issueSearch.searchForIssuesUsingJql({ jql: 'project = TWIN ORDER BY key DESC', startAt: 1, maxResults: 2 });
    expect(legacy.total).toBe(5);
    expect(legacy.startAt).toBe(1);
    expect(legacy.issues!.map((i) => i.key)).toEqual(['TWIN-4', 'TWIN-3']);
  });

  it('status.search and status.getStatusesByName satisfy jira.js strict (zod) schemas', async () => {
    const page = await site.client.status.search({});
    expect(page.values.map((s) => [s.name, s.statusCategory])).toEqual([['To Do', 'TODO'], ['In Progress', 'IN_PROGRESS'], ['Done', 'DONE']]);
    expect(page.isLast).toBe(true);
    const done = await site.client.status.search({ statusCategory: 'DONE' });
    expect(done.values.map((s) => s.name)).toEqual(['Done']);
    const paged = await site.client.status.search({ maxResults: 1, startAt: 1 });
    expect(paged.values.map((s) => s.name)).toEqual(['In Progress']);
    expect(paged.isLast).toBe(false);
    const byName = await site.client.status.getStatusesByName({ name: ['Done'] });
    expect(byName).toEqual([{ id: '10001', name: 'Done', description: '', scope: { type: 'GLOBAL' }, statusCategory: 'DONE' }]);
  });
});

describe("Jira's errors, through jira.js", () => {
  it('an unknown issue is 404 "Issue does not exist or you do not have permission to see it."', async () => {
    const e = await failure(site.client.issues.getIssue({ issueIdOrKey: 'NOPE-1' }));
    expect(e.status).toBe(404);
    expect(e.data).toEqual({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
  });

  it('invalid JQL is 400 with the parser message and position in errorMessages', async () => {
    const e = await failure(site.client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project TWIN' }));
    expect(e.status).toBe(400);
    expect(e.data.errorMessages[0]).toMatch(/^Error in the JQL Query: Expecting operator but got 'TWIN'\. .*\(line 1, character 9\)$/);
    const v = await failure(site.client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = NOSUCH' }));
    expect(v.data.errorMessages).toEqual(["The value 'NOSUCH' does not exist for the field 'project'."]);
  });

  it('creating an issue without summary or issue type reports both fields in errors', async () => {
    await newProject();
    const e = await failure(site.client.issues.createIssue({ fields: { project: { key: 'TWIN' } } as any }));
    expect(e.status).toBe(400);
    expect(e.data).toEqual({ errorMessages: [], errors: { summary: 'You must specify a summary of the issue.', issuetype: 'Specify an issue type' } });
  });

  it('a plain-string description is rejected in v3 (ADF required); jira.js wraps strings itself, so this goes raw', async () => {
    await newProject();
    const res = await site.raw('POST', '/rest/api/3/issue', {
      body: JSON.stringify({ fields: { project: { key: 'TWIN' }, issuetype: { name: 'Task' }, summary: 'x', description: 'plain' } }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors.description).toBe('Operation value must be an Atlassian Document (see the Atlassian Document Format)');
  });

  it("a taken project key is errors.projectKey \"Project '<name>' uses this project key.\"", async () => {
    await newProject('DUP');
    const e = await failure(newProject('DUP'));
    expect(e.status).toBe(400);
    expect(e.data.errors.projectKey).toBe("Project 'Project DUP' uses this project key.");
  });

  it('a transition that is not available is 400', async () => {
    const e = await failure(site.client.issues.doTransition({ issueIdOrKey: 'MKT-3', transition: { id: '21' } }));
    expect(e.status).toBe(400);
    expect(e.data.errorMessages).toEqual(["Transition id '21' is not valid for this issue."]);
  });

  it('a wrong API token is 401 with Jira\'s plain sentence', async () => {
    const bad = new Version3Client({ host: site.host, authentication: { basic: { email: site.creds.email, apiToken: 'wrong' } } });
    const e = await failure(bad.myself.getCurrentUser());
    expect(e.status).toBe(401);
    expect(e.data).toBe('Client must be authenticated to access this resource.');
  });
});

describe('bad input never yields a 500', () => {
  const big = 'x'.repeat(10 * 1024 * 1024 + 1);
  const cases: Array<[string, string, string, { body?: BodyInit; headers?: Record<string, string>; auth?: string | null }, number]> = [
    ['malformed JSON', 'POST', '/rest/api/3/issue', { body: '{"fields": ', headers: { 'content-type': 'application/json' } }, 400],
    ['JSON that is not an object', 'POST', '/rest/api/3/issue', { body: '[1,2]', headers: { 'content-type': 'application/json' } }, 400],
    ['wrong content type (XSRF-protected form)', 'POST', '/rest/api/3/issue', { body: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 403],
    ['unsupported content type', 'POST', '/rest/api/3/issue', { body: '<issue/>', headers: { 'content-type': 'application/xml' } }, 415],
    ['oversized body', 'POST', '/rest/api/3/issue', { body: big, headers: { 'content-type': 'application/json' } }, 413],
    ['invalid UTF-8', 'POST', '/rest/api/3/issue', { body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), headers: { 'content-type': 'application/json' } }, 400],
    ['unknown route', 'GET', '/rest/api/3/no-such-thing', {}, 404],
    ['wrong method', 'PATCH', '/rest/api/3/myself', {}, 405],
    ['missing credentials', 'GET', '/rest/api/3/myself', { auth: null }, 401],
    ['malformed Authorization header', 'GET', '/rest/api/3/myself', { auth: 'Basic %%%' }, 401],
    ['unknown auth scheme', 'GET', '/rest/api/3/myself', { auth: 'Digest abc' }, 401],
    ['non-numeric maxResults', 'GET', '/rest/api/3/project/search?maxResults=lots', {}, 400],
    ['percent-garbage in the path', 'GET', '/rest/api/3/issue/%E0%A4%A', {}, 404],
    ['fields of the wrong type', 'POST', '/rest/api/3/issue', { body: JSON.stringify({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 42, labels: 'x' } }), headers: { 'content-type': 'application/json' } }, 400],
    ['update with a non-list', 'PUT', '/rest/api/3/issue/ENG-1', { body: JSON.stringify({ update: { labels: { add: 'x' } } }), headers: { 'content-type': 'application/json' } }, 400],
    ['JQL with a reserved character', 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('summary ~ a%b')}`, {}, 400],
    ['JQL naming Object.prototype members', 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('constructor = x AND created > constructor() ORDER BY __proto__')}`, {}, 400],
    ['an issue field named __proto__', 'PUT', '/rest/api/3/issue/ENG-1', { body: '{"fields":{"__proto__":{"summary":"x"}}}', headers: { 'content-type': 'application/json' } }, 400],
  ];
  for (const [name, method, path, init, status] of cases) {
    it(`${name} → ${status}`, async () => {
      const res = await site.raw(method, path, init);
      const text = await res.text();
      expect(res.status, text).toBe(status);
      if (status !== 401 && status !== 403) {
        const body = JSON.parse(text);
        expect(Array.isArray(body.errorMessages)).toBe(true);
        expect(typeof body.errors).toBe('object');
      }
    });
  }
});
