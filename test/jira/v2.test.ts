// jira.js Version2Client against the twin: REST API v2 shares v3's state, with wiki-markup strings where v3 has ADF (https://developer.atlassian.com/cloud/jira/platform/rest/v2/intro/#version).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adf, failure, startJira, type Site } from './helpers.js';

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

const WIKI = 'h2. Steps\n\n# open the app\n# tap *Pay*\n\nSee [the spec|https://example.com/spec] and ask [~accountid:ACCOUNT].\n\n{code:js}\npay();\n{code}';

describe('REST API v2 through jira.js Version2Client', () => {
  it('journals a v2 call once, under the v3 operation that served it and the site it served', async () => {
    const before = jira.twin.journal.lastSeq;
    const res = await site.raw('GET', '/rest/api/2/issue/ENG-1?fields=summary');
    expect(res.status).toBe(200);
    const entries = jira.twin.journal.query({ sinceSeq: before });
    expect(entries.map((e) => [e.path, e.operationId, e.status])).toEqual([['/rest/api/2/issue/ENG-1', 'getIssue', 200]]);
    expect(entries[0].tenant).not.toBe('default');
  });

  it('creates an issue with a wiki description; v3 stores ADF, v2 reads the same wiki back, links point at v2', async () => {
    const wiki = WIKI.replace('ACCOUNT', site.creds.accountId);
    const created = await site.v2.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Bug' }, summary: 'Pay does nothing', description: wiki } });
    expect(created.self).toBe(`${site.host}/rest/api/2/issue/${created.id}`);
    const v2 = await site.v2.issues.getIssue({ issueIdOrKey: created.key!, fields: ['description', 'reporter'] });
    expect(v2.fields.description).toBe(wiki);
    expect(v2.fields.reporter?.self).toBe(`${site.host}/rest/api/2/user?accountId=${site.creds.accountId}`);
    const v3 = await site.client.issues.getIssue({ issueIdOrKey: created.key!, fields: ['description'] });
    const doc = v3.fields.description as any;
    expect(doc.type).toBe('doc');
    expect(doc.content.map((n: any) => n.type)).toEqual(['heading', 'orderedList', 'paragraph', 'codeBlock']);
    expect(doc.content[1].content[1].content[0].content[1]).toEqual({ type: 'text', text: 'Pay', marks: [{ type: 'strong' }] });
    expect(doc.content[2].content).toContainEqual({ type: 'text', text: 'the spec', marks: [{ type: 'link', attrs: { href: 'https://example.com/spec' } }] });
    expect(doc.content[2].content).toContainEqual({ type: 'mention', attrs: { id: site.creds.accountId, text: '@Alex Morgan', accessLevel: '' } });
    expect(doc.content[3]).toEqual({ type: 'codeBlock', attrs: { language: 'js' }, content: [{ type: 'text', text: 'pay();' }] });
  });

  it('reads an ADF description written through v3 as wiki markup, and renders the same HTML in both versions', async () => {
    const description = {
      type: 'doc', version: 1, content: [
        { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Notes' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'mono', marks: [{ type: 'code' }] }, { type: 'text', text: ' and ' }, { type: 'text', text: 'italic', marks: [{ type: 'em' }] }] }] }] },
      ],
    };
    const { key } = await site.client.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'From v3', description: description as any } });
    const v2 = await site.v2.issues.getIssue({ issueIdOrKey: key!, fields: ['description'], expand: 'renderedFields' });
    expect(v2.fields.description).toBe('h3. Notes\n\n* {{mono}} and _italic_');
    const v3 = await site.client.issues.getIssue({ issueIdOrKey: key!, fields: ['description'], expand: 'renderedFields' });
    expect((v2.renderedFields as any)?.description).toBe((v3.renderedFields as any)?.description);
    expect((v2.renderedFields as any)?.description).toBe('<h3>Notes</h3><ul><li><p><tt>mono</tt> and <em>italic</em></p></li></ul>');
  });

  it('comments and work logs take and return strings in v2 and ADF in v3', async () => {
    const { key } = await site.v2.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'Talk' } });
    const c = (await site.v2.issueComments.addComment({ issueIdOrKey: key!, comment: 'Looks *good*', expand: 'renderedBody' })) as { id?: string; body?: unknown; renderedBody?: string };
    expect(c.body).toBe('Looks *good*');
    expect(c.renderedBody).toBe('<p>Looks <b>good</b></p>');
    await site.v2.issueComments.updateComment({ issueIdOrKey: key!, id: c.id!, comment: 'Looks _great_' });
    const v3 = await site.client.issueComments.getComment({ issueIdOrKey: key!, id: c.id! });
    expect(v3.body).toEqual({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Looks ' }, { type: 'text', text: 'great', marks: [{ type: 'em' }] }] }] });
    await site.client.issueComments.addComment({ issueIdOrKey: key!, comment: adf('Written in v3') as any });
    const list = await site.v2.issueComments.getComments({ issueIdOrKey: key! });
    expect(list.comments?.map((x) => (x as { body?: unknown }).body)).toEqual(['Looks _great_', 'Written in v3']);
    const log = await site.v2.issueWorklogs.addWorklog({ issueIdOrKey: key!, timeSpent: '1h', comment: 'Paired on it' });
    expect(log.comment).toBe('Paired on it');
    expect((await site.client.issueWorklogs.getWorklog({ issueIdOrKey: key!, id: log.id! })).comment).toEqual(adf('Paired on it'));
  });

  it('edits with `update` operations and transitions with a comment, in wiki markup', async () => {
    const { key } = await site.v2.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'Edit me', environment: 'iOS 17' } });
    await site.v2.issues.editIssue({ issueIdOrKey: key!, update: { description: [{ set: 'Now *with* text' }], comment: [{ add: { body: 'edited' } }] } });
    const { transitions } = await site.v2.issues.getTransitions({ issueIdOrKey: key! });
    const done = transitions!.find((t) => t.to?.name === 'Done')!;
    await site.v2.issues.doTransition({ issueIdOrKey: key!, transition: { id: done.id! }, update: { comment: [{ add: { body: 'closing' } }] } });
    const issue = await site.v2.issues.getIssue({ issueIdOrKey: key!, fields: ['description', 'environment', 'comment', 'status'] });
    expect(issue.fields.description).toBe('Now *with* text');
    expect(issue.fields.environment).toBe('iOS 17');
    expect(issue.fields.comment.comments.map((x: any) => x.body)).toEqual(['edited', 'closing']);
    expect(issue.fields.status.name).toBe('Done');
  });

  it('searches return the same envelopes as v3, with wiki strings in the issues', async () => {
    await site.v2.issues.createIssue({ fields: { project: { key: 'MOB' }, issuetype: { name: 'Task' }, summary: 'Findable', description: 'needle in *text*' } });
    const enhanced = await site.v2.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = MOB AND description ~ needle', fields: ['description'] });
    expect((enhanced as { isLast?: boolean }).isLast).toBe(true);
    expect(enhanced.issues?.map((i) => i.fields.description)).toEqual(['needle in *text*']);
    const legacy = await site.v2.issueSearch.searchForIssuesUsingJql({ jql: 'project = MOB ORDER BY key', maxResults: 1, fields: ['summary'] });
    const v3 = await site.client.issueSearch.searchForIssuesUsingJql({ jql: 'project = MOB ORDER BY key', maxResults: 1, fields: ['summary'] });
    expect(Object.keys(legacy).sort()).toEqual(Object.keys(v3).sort());
    expect(legacy.total).toBe(v3.total);
    expect(legacy.issues?.[0]?.self).toBe(v3.issues?.[0]?.self?.replace('/rest/api/3/', '/rest/api/2/'));
  });

  it('refuses non-string rich text as v2 does ("Operation value must be a string"), after authentication', async () => {
    const bad = await failure(site.v2.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'x', description: adf('ADF is v3 only') as any } }));
    expect(bad).toEqual({ status: 400, data: { errorMessages: [], errors: { description: 'Operation value must be a string' } } });
    const body = JSON.stringify({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'x', description: { not: 'a string' } } });
    const anonymous = await site.raw('POST', '/rest/api/2/issue', { body, headers: { 'content-type': 'application/json' }, auth: null });
    expect(anonymous.status).toBe(401);
    const missing = await failure(site.v2.issues.getIssue({ issueIdOrKey: 'ENG-999' }));
    expect(missing).toEqual({ status: 404, data: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} } });
    const origin = new URL(site.host).origin;
    const auth = `Basic ${Buffer.from(`${site.creds.email}:${site.creds.apiToken}`).toString('base64')}`;
    const unprefixed = await fetch(`${origin}/rest/api/2/myself`, { headers: { authorization: auth } });
    expect((await unprefixed.json()).accountId).toBe(site.creds.accountId); // the credential alone picks the site
    const unknown = await site.raw('GET', '/rest/api/2/nothing-here');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).errorMessages[0]).toMatch(/^null for uri: /);
  });
});
