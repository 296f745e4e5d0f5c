/**
 * What each twin is measured on: a stateful GET by id, a create, and a filtered
 * list page — each prepared through the twin's own API, then replayed by wrk.
 */
import type { Shot } from './load.js';

export type Scenario = 'get' | 'create' | 'list';
export type Prepared = Record<Scenario, Shot>;

/** `first` names the record a recipe creates to read back (a tenant that already holds `bench0`, such as the scale data, needs another). */
type Recipe = (base: string, creds: Record<string, any>, first?: string) => Promise<Prepared>;

async function json(res: Response): Promise<any> {
  if (!res.ok) throw new Error(`${res.url} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return res.json();
}

export const recipes: Record<string, Recipe> = {
  okta: async (base, c, first) => {
    const headers = { authorization: `SSWS ${c.token}`, 'content-type': 'application/json', accept: 'application/json' };
    const profile = (n: string) => ({ profile: { firstName: 'Bench', lastName: 'User', email: `bench${n}@example.com`, login: `bench${n}@example.com` } });
    const user = await json(await fetch(`${base}/api/v1/users?activate=false`, { method: 'POST', headers, body: JSON.stringify(profile(first ?? '0')) }));
    return {
      get: { url: `${base}/api/v1/users/${user.id}`, headers },
      create: { method: 'POST', url: `${base}/api/v1/users?activate=false`, headers, body: JSON.stringify(profile('{n}')) },
      list: { url: `${base}/api/v1/users?search=${encodeURIComponent('profile.lastName eq "User"')}&limit=20`, headers },
    };
  },
  slack: async (base, c, first) => {
    const headers = { authorization: `Bearer ${c.botToken}`, 'content-type': 'application/x-www-form-urlencoded' };
    const body = await json(await fetch(`${base}/api/conversations.create`, { method: 'POST', headers, body: `name=bench-channel${first ? `-${first}` : ''}` }));
    return {
      get: { url: `${base}/api/conversations.info?channel=${body.channel.id}`, headers },
      create: { method: 'POST', url: `${base}/api/chat.postMessage`, headers, body: `channel=${body.channel.id}&text=bench+{n}` },
      list: { url: `${base}/api/conversations.list?types=public_channel&exclude_archived=true&limit=20`, headers },
    };
  },
  jira: async (base, c) => {
    const headers = { authorization: `Basic ${Buffer.from(`${c.email}:${c.apiToken}`).toString('base64')}`, 'content-type': 'application/json', accept: 'application/json' };
    const projects = await json(await fetch(`${base}/rest/api/3/project/search`, { headers }));
    const types = await json(await fetch(`${base}/rest/api/3/issuetype`, { headers }));
    const key = projects.values[0].key as string;
    const fields = (s: string) => ({ fields: { project: { key }, summary: s, issuetype: { id: types[0].id } } });
    const issue = await json(await fetch(`${base}/rest/api/3/issue`, { method: 'POST', headers, body: JSON.stringify(fields('bench')) }));
    return {
      get: { url: `${base}/rest/api/3/issue/${issue.key}`, headers },
      create: { method: 'POST', url: `${base}/rest/api/3/issue`, headers, body: JSON.stringify(fields('bench {n}')) },
      list: { url: `${base}/rest/api/3/search/jql?jql=${encodeURIComponent(`project = ${key} AND summary ~ "bench" ORDER BY created DESC`)}&maxResults=20`, headers },
    };
  },
  google: async (base, c) => {
    const headers = { authorization: `Bearer ${c.accessToken}`, 'content-type': 'application/json' };
    const file = await json(await fetch(`${base}/drive/v3/files`, { method: 'POST', headers, body: JSON.stringify({ name: 'bench.txt' }) }));
    return {
      get: { url: `${base}/drive/v3/files/${file.id}`, headers },
      create: { method: 'POST', url: `${base}/drive/v3/files`, headers, body: JSON.stringify({ name: 'bench {n}.txt' }) },
      list: { url: `${base}/drive/v3/files?q=${encodeURIComponent("name contains 'bench' and trashed = false")}&pageSize=20`, headers },
    };
  },
};

/**
 * A created record's life after its create, for loads that must hold the record count steady: where its id is
 * in the create's reply (`pattern`, one capture, read by wrk's Lua as well), an update, and the requests that
 * delete it (`{id}` in a URL or body is the id).
 */
export interface Lifecycle {
  pattern: string;
  idOf(createReply: string): string;
  update: Shot;
  remove: Shot[];
}

const life = (pattern: string, update: Shot, remove: Shot[]): Lifecycle => ({
  pattern,
  idOf: (reply) => {
    const m = new RegExp(pattern.replaceAll('%', '\\')).exec(reply);
    if (!m) throw new Error(`no id in ${reply.slice(0, 200)}`);
    return m[1];
  },
  update,
  remove,
});

// Lua patterns (also read as regular expressions once `%` becomes `\`): the first "id"/"key"/"ts" of the reply.
export const lifecycles: Record<string, (prepared: Prepared) => Lifecycle> = {
  okta: ({ create }) => {
    const user = `${create.url.split('/api/v1/users')[0]}/api/v1/users/{id}`;
    // Okta's first DELETE deactivates a user, the second deletes it (Users API, "Delete a user").
    return life('"id":"([^"]+)"', { method: 'POST', url: user, headers: create.headers, body: JSON.stringify({ profile: { nickName: 'n{n}' } }) }, [
      { method: 'DELETE', url: user, headers: create.headers },
      { method: 'DELETE', url: user, headers: create.headers },
    ]);
  },
  slack: ({ create }) => {
    const api = create.url.split('/chat.postMessage')[0];
    const channel = /channel=([^&]+)/.exec(create.body!)![1];
    return life('"ts":"([^"]+)"', { method: 'POST', url: `${api}/chat.update`, headers: create.headers, body: `channel=${channel}&ts={id}&text=edited+{n}` }, [
      { method: 'POST', url: `${api}/chat.delete`, headers: create.headers, body: `channel=${channel}&ts={id}` },
    ]);
  },
  jira: ({ create }) => {
    const issue = `${create.url}/{id}`;
    return life('"key":"([^"]+)"', { method: 'PUT', url: issue, headers: create.headers, body: JSON.stringify({ fields: { summary: 'edited {n}' } }) }, [{ method: 'DELETE', url: issue, headers: create.headers }]);
  },
  google: ({ create }) => {
    const file = `${create.url}/{id}`;
    return life('"id":"([^"]+)"', { method: 'PATCH', url: file, headers: create.headers, body: JSON.stringify({ name: 'edited {n}.txt' }) }, [{ method: 'DELETE', url: file, headers: create.headers }]);
  },
};

/** Sends a shot once and returns what came back, to check it and to hand the same bytes to the ceiling. */
export async function sample(s: Shot): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const res = await fetch(s.url, { method: s.method ?? 'GET', headers: s.headers, body: s.body?.replaceAll('{n}', 'sample') });
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    if (k === 'content-type' || k.startsWith('x-')) headers[k] = v;
  });
  return { status: res.status, headers, body: await res.text() };
}
