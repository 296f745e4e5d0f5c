// Kept GET issue answers (handlers/issues.ts, src/core/reply-cache.ts): after any write through the API, to the issue or to what it shows, the next GET is what presenting afresh gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Clock } from '../../src/core/clock.js';
import { createTwin, type Twin } from '../../src/core/twin.js';
import { jsonCalls } from '../helpers/json-calls.js';
import { definition } from '../../twins/jira/index.js';
import { findIssue } from '../../twins/jira/store.js';
import { expandSet, fieldSelector } from '../../twins/jira/platform/model/fields.js';
import { issueJson } from '../../twins/jira/platform/present/issue.js';

const ORIGIN = 'http://jira.replies.test';
let twin: Twin;
const clock = new Clock();
let auth: string;
let me: string;
let users: string[];
let project: { id: string; key: string };
let a: string;
let b: string;

const { call, ok } = jsonCalls(() => twin, ORIGIN, () => ({ authorization: auth, accept: 'application/json' }));

beforeAll(async () => {
  clock.freeze('2026-03-04T05:06:07.000Z');
  twin = createTwin(definition(), { seed: 'issue-replies', clock });
  const creds = await (await twin.fetch(new Request(`${ORIGIN}/_dtu/credentials`))).json();
  auth = `Basic ${Buffer.from(`${creds.email}:${creds.apiToken}`).toString('base64')}`;
  me = creds.accountId;
  users = (creds.users as Array<{ accountId: string; active: boolean }>).filter((u) => u.active).map((u) => u.accountId);
  project = (await ok('GET', '/rest/api/3/project/search')).values[0];
  const type = (await ok('GET', '/rest/api/3/issuetype'))[0].id;
  const make = async (s: string) => (await ok('POST', '/rest/api/3/issue', { fields: { project: { key: project.key }, summary: s, issuetype: { id: type } } })).key as string;
  a = await make('kept');
  b = await make('other');
});
afterAll(async () => {
  await twin.close();
});

const QUERIES = ['', '?fields=summary,labels,project,assignee,watches,comment,status', '?expand=renderedFields,names,changelog,transitions', '?fields=*navigable&expand=editmeta'];

type Write = (n: number) => Promise<(issue: any) => void>;
const text = (s: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: s }] }] });
const WRITES: Record<string, Write> = {
  summary: async (n) => {
    await ok('PUT', `/rest/api/3/issue/${a}`, { fields: { summary: `kept ${n}` } });
    return (i) => expect(i.fields.summary).toBe(`kept ${n}`);
  },
  label: async (n) => {
    await ok('PUT', `/rest/api/3/issue/${a}`, { update: { labels: [{ add: `l${n}` }] } });
    return (i) => expect(i.fields.labels).toContain(`l${n}`);
  },
  assign: async (n) => {
    const who = users[Math.abs(n) % users.length];
    await ok('PUT', `/rest/api/3/issue/${a}/assignee`, { accountId: who });
    return (i) => expect(i.fields.assignee?.accountId).toBe(who);
  },
  comment: async (n) => {
    const before = (await ok('GET', `/rest/api/3/issue/${a}/comment`)).total as number;
    await ok('POST', `/rest/api/3/issue/${a}/comment`, { body: text(`c${n}`) });
    return (i) => expect(i.fields.comment.total).toBe(before + 1);
  },
  watch: async (n) => {
    const who = users[Math.abs(n) % users.length];
    await ok('POST', `/rest/api/3/issue/${a}/watchers`, who);
    return (i) => expect(i.fields.watches.watchCount).toBe(findIssue(twin.registry.get('default'), a)!.watchers.length);
  },
  // A write to another record the issue shows: its project's name.
  projectName: async (n) => {
    await ok('PUT', `/rest/api/3/project/${project.key}`, { name: `Project ${n}` });
    return (i) => expect(i.fields.project.name).toBe(`Project ${n}`);
  },
  transition: async () => {
    const to = (await ok('GET', `/rest/api/3/issue/${a}/transitions`)).transitions[0];
    if (to) await ok('POST', `/rest/api/3/issue/${a}/transitions`, { transition: { id: to.id } });
    return (i) => to && expect(i.fields.status.id).toBe(to.to.id);
  },
  link: async () => {
    await ok('POST', '/rest/api/3/issueLink', { type: { name: 'Blocks' }, inwardIssue: { key: a }, outwardIssue: { key: b } });
    return (i) => expect(i.fields.issuelinks.length).toBeGreaterThan(0);
  },
  otherIssue: async (n) => {
    await ok('PUT', `/rest/api/3/issue/${b}`, { fields: { summary: `other ${n}` } });
    return (i) => (i.fields.issuelinks ?? []).forEach((l: any) => l.outwardIssue && expect(l.outwardIssue.fields.summary).toBe(`other ${n}`));
  },
};

/** The issue presented now, without any kept answer: what the GET must say. */
function fresh(query: string): string {
  const q = Object.fromEntries(new URLSearchParams(query));
  const t = twin.registry.get('default');
  return JSON.stringify(issueJson({ t, base: ORIGIN, me }, findIssue(t, a)!, { select: fieldSelector(q.fields, '*all'), expand: expandSet(q.expand) }));
}

describe('GET issue after writes (answers are kept until the site changes)', () => {
  it('shows every write on the next GET, whatever was read before it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...Object.keys(WRITES)), fc.integer({ min: 0, max: 1e6 }), fc.constantFrom(...QUERIES), fc.constantFrom(...QUERIES)), { minLength: 1, maxLength: 6 }), async (steps) => {
        for (const [w, n, before, after] of steps) {
          await ok('GET', `/rest/api/3/issue/${a}${before}`); // read (and keep) before the write
          const check = await WRITES[w](n);
          const res = await call('GET', `/rest/api/3/issue/${a}${after}`);
          const body = await res.text();
          expect(res.status, body).toBe(200);
          expect(body).toBe(fresh(after));
          if (after === '') check(JSON.parse(body));
          // Read again: the kept answer is the same bytes.
          expect(await (await call('GET', `/rest/api/3/issue/${a}${after}`)).text()).toBe(body);
          // Search pages are kept too: the write shows in the next page.
          const summary = findIssue(twin.registry.get('default'), a)!.summary;
          const page = await ok('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent(`project = ${project.key} AND summary ~ "${summary}"`)}&fields=summary,labels`);
          expect(page.issues.map((i: any) => [i.key, i.fields.summary, i.fields.labels])).toContainEqual([a, summary, findIssue(twin.registry.get('default'), a)!.labels]);
        }
      }),
      { numRuns: 25, seed: 11 },
    );
  });
});

describe('search pages that read the clock', () => {
  it('are answered afresh once time has moved, even with the site unchanged', async () => {
    const jql = `project = ${project.key} AND created >= -1h`;
    const keys = async () => (await ok('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent(jql)}&fields=summary`)).issues.map((i: any) => i.key);
    expect(await keys()).toContain(a);
    expect(await keys()).toContain(a);
    clock.advance(2 * 3600_000);
    expect(await keys()).not.toContain(a);
    clock.advance(-2 * 3600_000);
  });
});
