// Issue history kept apart from the issues: a logged write appends only the change group it adds, and a site persisted with each issue's history inside it (the older shape) loads with the same answers.
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVendorTwin } from '../../src/vendors.js';
import type { Twin } from '../../src/core/twin.js';
import type { Doc, TenantData } from '../../src/core/tenant.js';
import { readPersistedTenant } from '../../src/core/registry.js';
import { K, upgradeSite, type ChangeGroup } from '../../twins/jira/store.js';
import { call, credentialsOf } from '../reliability/helpers.js';

const dirs: string[] = [];
const twins: Twin[] = [];
afterEach(async () => {
  for (const t of twins.splice(0)) await t.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function open(dataDir: string): Promise<Twin> {
  const twin = await createVendorTwin('jira', { dataDir, seed: 'changelog-storage' });
  twins.push(twin);
  return twin;
}

const SITE = 'history';
const basic = (c: Record<string, any>) => ({ authorization: `Basic ${Buffer.from(`${c.email}:${c.apiToken}`).toString('base64')}` });

async function client(twin: Twin) {
  const headers = basic(await credentialsOf(twin, SITE));
  return (method: string, path: string, body?: unknown) => call(twin, method, `/t/${SITE}/rest/api/3${path}`, { headers, body });
}

/** Every answer that reads history, as text: pages of one issue's changelog, the expansion on GET and search, ids, JQL CHANGED/WAS. */
async function historyAnswers(twin: Twin, keys: string[], groupIds: string[]): Promise<string[]> {
  const api = await client(twin);
  const out: string[] = [];
  for (const key of keys) {
    for (const q of ['', '?startAt=1&maxResults=2', '?maxResults=1', '?startAt=9']) out.push((await api('GET', `/issue/${key}/changelog${q}`)).text);
    out.push((await api('GET', `/issue/${key}?expand=changelog&fields=summary`)).text);
    out.push((await api('POST', `/issue/${key}/changelog/list`, { changelogIds: groupIds.map(Number) })).text);
  }
  for (const jql of ['priority CHANGED ORDER BY key', 'priority WAS Highest ORDER BY key', 'priority WAS NOT Highest ORDER BY key', 'summary ~ "storage" AND assignee CHANGED']) {
    out.push((await api('GET', `/search/jql?jql=${encodeURIComponent(jql)}&fields=summary&expand=changelog`)).text);
  }
  return out;
}

/** Main's shape before this change: each issue carried its change groups, oldest first, in `changelog`. */
function olderShape(data: TenantData): TenantData {
  const groups = (data.collections[K.changelog] ?? []) as Array<Doc & ChangeGroup & { issueId: string }>;
  const issues = data.collections[K.issues].map((i) => {
    const changelog = groups.filter((g) => g.issueId === i.id).map(({ id, authorId, created, items }) => ({ id, authorId, created, items }));
    const { extra, ...rest } = i;
    return { ...rest, changelog, extra };
  });
  const collections: Record<string, Doc[]> = { ...data.collections, [K.issues]: issues };
  delete collections[K.changelog];
  return { ...data, collections };
}

describe('Jira changelog storage', () => {
  it('a logged edit appends its change group, not the issue with its whole history', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dtu-jira-log-'));
    dirs.push(dir);
    const twin = await open(dir);
    const api = await client(twin);
    const { json: made } = await api('POST', '/issue', { fields: { project: { key: 'ENG' }, summary: 'one', issuetype: { name: 'Task' } } });
    await api('PUT', `/issue/${made.key}`, { fields: { summary: 'two' } });
    const log = join(dir, 'jira', `${SITE}.log`);
    const before = readFileSync(log, 'utf8').length;
    for (let n = 0; n < 20; n++) expect((await api('PUT', `/issue/${made.key}`, { fields: { summary: `edit ${n}` } })).status).toBe(204);
    const lines = readFileSync(log, 'utf8').slice(before).trim().split('\n').map((l) => JSON.parse(l) as { docs: Array<[string, string, Doc | null]> });
    expect(lines).toHaveLength(20);
    for (const [n, line] of lines.entries()) {
      const groups = line.docs.filter(([key]) => key === K.changelog);
      // One group per edit, and the issue written without any history in it.
      expect(groups).toHaveLength(1);
      expect((groups[0][2] as any).items[0]).toMatchObject({ field: 'summary', toString: `edit ${n}` });
      const issue = line.docs.find(([key]) => key === K.issues)![2]!;
      expect(issue).not.toHaveProperty('changelog');
    }
    // The last line is as long as the first: an edit's cost does not grow with the history.
    expect(JSON.stringify(lines[19]).length - JSON.stringify(lines[0]).length).toBeLessThan(40);
    await twin.close();
    twins.splice(twins.indexOf(twin), 1);
    const again = await client(await open(dir));
    const page = (await again('GET', `/issue/${made.key}/changelog`)).json;
    expect(page.total).toBe(21);
    expect(page.values.map((g: any) => g.items[0].toString)).toEqual(['two', ...Array.from({ length: 20 }, (_, n) => `edit ${n}`)]);

    // A delete is logged too, as the deletions of the issue and its history, not as the whole site written again.
    const whole = readFileSync(join(dir, 'jira', `${SITE}.json`), 'utf8');
    const logged = readFileSync(log, 'utf8').length;
    expect((await again('DELETE', `/issue/${made.key}`)).status).toBe(204);
    expect(readFileSync(join(dir, 'jira', `${SITE}.json`), 'utf8')).toBe(whole);
    const last = JSON.parse(readFileSync(log, 'utf8').slice(logged)) as { docs: Array<[string, string, Doc | null]> };
    expect(last.docs.filter(([, , doc]) => doc === null).map(([key]) => key).sort()).toEqual([K.issues, ...Array(21).fill(K.changelog)].sort());
    expect((await again('GET', `/issue/${made.key}/changelog`)).status).toBe(404);
  }, 60_000);

  it('a data dir written with the history inside each issue loads with byte-identical answers, and takes new history after the old', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dtu-jira-old-'));
    dirs.push(dir);
    const first = await open(dir);
    const api = await client(first);
    const creds = await credentialsOf(first, SITE);
    const other = creds.users.find((u: any) => u.accountId !== creds.accountId).accountId;
    const keys: string[] = [];
    for (const s of ['storage a', 'storage b', 'storage c']) keys.push((await api('POST', '/issue', { fields: { project: { key: 'ENG' }, summary: s, issuetype: { name: 'Task' } } })).json.key);
    // Interleaved, so site order and each issue's order differ.
    await api('PUT', `/issue/${keys[0]}`, { fields: { priority: { name: 'Highest' } } });
    await api('PUT', `/issue/${keys[1]}`, { fields: { assignee: { accountId: other } } });
    await api('PUT', `/issue/${keys[0]}`, { fields: { summary: 'storage a2', priority: { name: 'Low' } } });
    await api('PUT', `/issue/${keys[1]}`, { fields: { priority: { name: 'High' } } });
    await api('PUT', `/issue/${keys[0]}`, { fields: { labels: ['x', 'y'] } });
    const state = readPersistedTenant(join(dir, 'jira', `${SITE}.json`));
    const stored = state.collections[K.changelog] as Array<Doc & { issueId: string }>;
    // The fixture's own issues come with history too: one of them is read as well.
    const seeded = state.collections[K.issues].find((i) => i.id === stored[0].issueId)!.key as string;
    keys.push(seeded);
    const groupIds = [stored[0].id, ...stored.slice(-5).map((g) => g.id)];
    expect(stored.slice(-5).map((g) => g.issueId)).toEqual(['a', 'b', 'a', 'b', 'a'].map((x) => state.collections[K.issues].find((i) => i.key === keys['ab'.indexOf(x)])!.id));
    const answers = await historyAnswers(first, keys, groupIds.slice(0, 4));
    await first.close();
    twins.splice(twins.indexOf(first), 1);

    // Rewritten as the older version kept it: one whole file, no log, every issue with its `changelog` array.
    const file = join(dir, 'jira', `${SITE}.json`);
    writeFileSync(file, JSON.stringify({ generation: 1, ...olderShape(state) }));
    rmSync(join(dir, 'jira', `${SITE}.log`), { force: true });
    expect(readFileSync(file, 'utf8')).toContain('"changelog":[{"id"');

    const second = await open(dir);
    expect(await historyAnswers(second, keys, groupIds.slice(0, 4))).toEqual(answers);
    // Reading alone writes nothing back; the first change writes the whole site in the current shape.
    expect(readFileSync(file, 'utf8')).toContain('"changelog":[{"id"');
    const api2 = await client(second);
    expect((await api2('PUT', `/issue/${keys[0]}`, { fields: { summary: 'storage a3' } })).status).toBe(204);
    const rewritten = JSON.parse(readFileSync(file, 'utf8'));
    expect(rewritten.generation).toBe(2);
    expect(rewritten.collections[K.issues].some((i: Doc) => 'changelog' in i)).toBe(false);
    expect(rewritten.collections[K.changelog]).toHaveLength(stored.length + 1);
    expect(existsSync(join(dir, 'jira', `${SITE}.log`))).toBe(false);
    await api2('PUT', `/issue/${keys[1]}`, { fields: { summary: 'storage b2' } });
    await second.close();
    twins.splice(twins.indexOf(second), 1);

    const api3 = await client(await open(dir));
    const histories = async (key: string) => (await api3('GET', `/issue/${key}/changelog`)).json.values.map((g: any) => g.items.map((i: any) => i.field).join('+'));
    expect(await histories(keys[0])).toEqual(['priority', 'summary+priority', 'labels', 'summary']);
    expect(await histories(keys[1])).toEqual(['assignee', 'priority', 'summary']);
    expect(await histories(keys[2])).toEqual([]);
  }, 60_000);

  it('a snapshot in the older shape restores with each issue history in place', async () => {
    const twin = await createVendorTwin('jira', { seed: 'changelog-storage' });
    twins.push(twin);
    const api = await client(twin);
    const { json: made } = await api('POST', '/issue', { fields: { project: { key: 'ENG' }, summary: 'snap', issuetype: { name: 'Task' } } });
    await api('PUT', `/issue/${made.key}`, { fields: { summary: 'snap 2' } });
    await api('PUT', `/issue/${made.key}`, { fields: { priority: { name: 'Lowest' } } });
    const before = (await api('GET', `/issue/${made.key}?expand=changelog`)).text;
    const snap = (await call(twin, 'GET', `/t/${SITE}/_dtu/snapshot`)).json;
    const old = { tenants: { [SITE]: olderShape(snap.tenants[SITE]) } };
    await call(twin, 'POST', `/t/${SITE}/_dtu/reset`);
    expect((await api('GET', `/issue/${made.key}`)).status).toBe(404);
    expect((await call(twin, 'POST', '/_dtu/restore', { body: old })).status).toBe(200);
    expect((await api('GET', `/issue/${made.key}?expand=changelog`)).text).toBe(before);
  }, 60_000);
});

describe('history across writes and restarts', () => {
  type Op = { kind: 'edit'; issue: number } | { kind: 'delete'; issue: number } | { kind: 'create' } | { kind: 'restart' };
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('edit' as const), issue: fc.nat(3) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), issue: fc.nat(3) }) },
    { weight: 2, arbitrary: fc.constant({ kind: 'create' as const }) },
    { weight: 2, arbitrary: fc.constant({ kind: 'restart' as const }) },
  );

  it('each issue answers the summaries it was given, in order, whatever the edits, deletes and restarts between them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const dir = mkdtempSync(join(tmpdir(), 'dtu-jira-prop-'));
        dirs.push(dir);
        let twin = await open(dir);
        let api = await client(twin);
        /** Live issues by key, with the summaries each edit set (the model). */
        const model = new Map<string, string[]>();
        const made: string[] = [];
        const create = async () => {
          const key = (await api('POST', '/issue', { fields: { project: { key: 'ENG' }, summary: 'prop', issuetype: { name: 'Task' } } })).json.key as string;
          model.set(key, []);
          made.push(key);
        };
        const check = async () => {
          for (const [key, want] of model) {
            const page = (await api('GET', `/issue/${key}/changelog?maxResults=100`)).json;
            expect(page.values.map((g: any) => g.items.find((i: any) => i.field === 'summary').toString)).toEqual(want);
          }
          // A deleted issue's history goes with it: what the disk holds names only issues that exist.
          const state = readPersistedTenant(join(dir, 'jira', `${SITE}.json`));
          const issueIds = new Set(state.collections[K.issues].map((i) => i.id));
          expect(((state.collections[K.changelog] ?? []) as Array<Doc & { issueId: string }>).filter((g) => !issueIds.has(g.issueId))).toEqual([]);
        };
        await create();
        for (const [n, o] of ops.entries()) {
          const key = made[o.kind === 'edit' || o.kind === 'delete' ? o.issue % made.length : 0];
          if (o.kind === 'create') await create();
          else if (o.kind === 'edit' && model.has(key)) {
            expect((await api('PUT', `/issue/${key}`, { fields: { summary: `prop ${n}` } })).status).toBe(204);
            model.get(key)!.push(`prop ${n}`);
          } else if (o.kind === 'delete' && model.has(key)) {
            expect((await api('DELETE', `/issue/${key}`)).status).toBe(204);
            model.delete(key);
          } else if (o.kind === 'restart') {
            await twin.close();
            twins.splice(twins.indexOf(twin), 1);
            twin = await open(dir);
            api = await client(twin);
            await check();
          }
        }
        await check();
        await twin.close();
        twins.splice(twins.indexOf(twin), 1);
      }),
      { numRuns: 4 },
    );
  }, 120_000);
});

describe('history read by workflows', () => {
  // "Previous Status": only allow the transition if the issue has been in the given status before (its history says so).
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflows/#api-rest-api-3-workflows-create-post
  it('a transition with a system:previous-status condition is offered once the issue has left that status', async () => {
    const twin = await createVendorTwin('jira', { seed: 'changelog-storage' });
    twins.push(twin);
    const api = await client(twin);
    const created = (await api('POST', '/workflows/create', {
      scope: { type: 'GLOBAL' },
      statuses: [
        { statusReference: 'todo', id: '10000', name: 'To Do', statusCategory: 'TODO' },
        { statusReference: 'review', name: 'Checked', statusCategory: 'IN_PROGRESS' },
        { statusReference: 'done', id: '10001', name: 'Done', statusCategory: 'DONE' },
      ],
      workflows: [{
        name: 'Checked before',
        statuses: [{ statusReference: 'todo' }, { statusReference: 'review' }, { statusReference: 'done' }],
        transitions: [
          { id: '1', name: 'Create', type: 'INITIAL', toStatusReference: 'todo', links: [] },
          { id: '11', name: 'Check', type: 'DIRECTED', toStatusReference: 'review', links: [{ fromStatusReference: 'todo' }] },
          { id: '21', name: 'Back', type: 'DIRECTED', toStatusReference: 'todo', links: [{ fromStatusReference: 'review' }] },
          { id: '31', name: 'Finish', type: 'DIRECTED', toStatusReference: 'done', links: [{ fromStatusReference: 'todo' }], conditions: { operation: 'ALL', conditions: [{ ruleKey: 'system:previous-status', parameters: { previousStatusIds: 'review' } }] } },
        ],
      }],
    })).json;
    const checked = created.statuses.find((x: any) => x.name === 'Checked').id as string;
    // The condition names the status by id once it has one.
    const wf = created.workflows[0];
    const body = {
      statuses: created.statuses.map((x: any) => ({ statusReference: x.statusReference ?? x.id, id: x.id, name: x.name, statusCategory: x.statusCategory })),
      workflows: [{ id: wf.id, version: wf.version, statuses: created.statuses.map((x: any) => ({ statusReference: x.statusReference ?? x.id })), transitions: wf.transitions.map((t: any) => t.name === 'Finish' ? { ...t, conditions: { operation: 'ALL', conditions: [{ ruleKey: 'system:previous-status', parameters: { previousStatusIds: checked } }] } } : t) }],
    };
    expect((await api('POST', '/workflows/update', body)).status).toBe(200);
    const types = (await api('GET', '/issuetype')).json as Array<{ id: string; name: string }>;
    const task = types.find((x) => x.name === 'Task')!.id;
    const scheme = (await api('POST', '/workflowscheme', { name: 'Checked', defaultWorkflow: 'Checked before', issueTypeMappings: { [task]: 'Checked before' } })).json;
    const creds = await credentialsOf(twin, SITE);
    const project = (await api('POST', '/project', { key: 'PREV', name: 'Previous', projectTypeKey: 'software', leadAccountId: creds.accountId })).json;
    expect((await api('PUT', '/workflowscheme/project', { projectId: String(project.id), workflowSchemeId: String(scheme.id) })).status).toBe(204);
    const issue = (await api('POST', '/issue', { fields: { project: { key: 'PREV' }, summary: 'checked first', issuetype: { id: task } } })).json.key;
    const offered = async () => (await api('GET', `/issue/${issue}/transitions`)).json.transitions.map((t: any) => t.name);
    expect(await offered()).toEqual(['Check']);
    expect((await api('POST', `/issue/${issue}/transitions`, { transition: { id: '11' } })).status).toBe(204);
    expect((await api('POST', `/issue/${issue}/transitions`, { transition: { id: '21' } })).status).toBe(204);
    expect(await offered()).toEqual(['Check', 'Finish']);
  }, 60_000);
});

describe('upgradeSite', () => {
  const item = { field: 'summary', fieldtype: 'jira' as const, fieldId: 'summary', from: null, fromString: 'a', to: null, toString: 'b' };
  it('moves every issue history to the changelog collection, each issue in its order, ahead of later groups; a second pass changes nothing', () => {
    const histories = fc.array(fc.array(fc.nat(5), { maxLength: 4 }), { maxLength: 6 });
    fc.assert(
      fc.property(histories, fc.nat(3), fc.boolean(), (perIssue, laterCount, withEmptyField) => {
        let next = 1;
        const issues = perIssue.map((authors, n) => ({
          id: String(100 + n),
          summary: `s${n}`,
          ...(authors.length || withEmptyField ? { changelog: authors.map((a) => ({ id: String(next++), authorId: `u${a}`, created: '2024-01-01T00:00:00.000Z', items: [item] })) } : {}),
          extra: {},
        }));
        const expected = new Map(issues.map((i) => [i.id, (i.changelog ?? []).map((g) => g.id)]));
        const later = Array.from({ length: laterCount }, (_, n) => ({ id: String(1000 + n), issueId: issues[0]?.id ?? '100', authorId: 'u', created: '2024-02-01T00:00:00.000Z', items: [item] }));
        const data: TenantData = { version: 1, tenant: 't', collections: { [K.issues]: structuredClone(issues), ...(later.length ? { [K.changelog]: later } : {}) }, meta: {}, random: [1, 2, 3, 4] };
        const had = issues.some((i) => 'changelog' in i);
        expect(upgradeSite(data)).toBe(had);
        if (!had) return;
        const stored = (data.collections[K.changelog] ?? []) as Array<Doc & { issueId: string }>;
        for (const i of data.collections[K.issues]) {
          expect(i).not.toHaveProperty('changelog');
          const mine = stored.filter((g) => g.issueId === i.id).map((g) => g.id);
          const laterMine = later.filter((g) => g.issueId === i.id).map((g) => g.id);
          expect(mine).toEqual([...expected.get(i.id)!, ...laterMine]);
        }
        expect(stored.map((g) => g.id)).toEqual([...issues.flatMap((i) => (i.changelog ?? []).map((g) => g.id)), ...later.map((g) => g.id)]);
        expect(upgradeSite(data)).toBe(false);
      }),
    );
  });
});
