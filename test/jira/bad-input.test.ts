// Garbage bodies, parameters and JQL against v2, attachments, components, versions and custom fields: Jira's answers (mostly 4xx), never a 500.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTwin, type Twin } from '../../src/core/twin.js';
import { definition } from '../../twins/jira/index.js';

let twin: Twin;
let auth = '';
const T = 'com.atlassian.jira.plugin.system.customfieldtypes:';

async function call(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; text: string }> {
  const res = await twin.fetch(new Request(`http://jira.test/t/bad-input${path}`, {
    method,
    headers: { authorization: auth, 'content-type': contentType, 'x-atlassian-token': 'no-check' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  }));
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  twin = createTwin(definition(), { seed: 'bad-input' });
  const creds = (await (await twin.fetch(new Request('http://jira.test/t/bad-input/_dtu/credentials'))).json()) as { email: string; apiToken: string };
  auth = `Basic ${Buffer.from(`${creds.email}:${creds.apiToken}`).toString('base64')}`;
});

const GARBAGE: unknown[] = [
  null, 1, 'x', [], [1], {}, { name: null }, { name: 1 }, { project: {} }, { projectId: 'abc', name: 'v' }, { options: 'x' }, { options: [1] }, { options: [{ id: 1 }] },
  { fields: { components: [1, null], fixVersions: 'x', versions: [{}], description: 5 } }, { update: { components: [{ add: 5 }, 1], description: [{ set: [] }], comment: [{ add: { body: {} } }] } },
  { moveFixIssuesTo: 'x' }, { position: 'Sideways' }, { after: 5 }, { type: 'x', name: 'y' }, { body: ['x'] }, { comment: 7 }, '{not json',
];

describe('bad input never yields a 500', () => {
  it('bodies of every shape, as JSON and as a broken multipart form', async () => {
    const field = JSON.parse((await call('POST', '/rest/api/3/field', { name: 'S', type: `${T}multiselect` })).text) as { id: string };
    const paths: Array<[string, string]> = [
      ['POST', '/rest/api/3/component'], ['PUT', '/rest/api/3/component/1'], ['POST', '/rest/api/3/version'], ['PUT', '/rest/api/3/version/1'],
      ['POST', '/rest/api/3/version/1/move'], ['POST', '/rest/api/3/version/1/removeAndSwap'], ['POST', '/rest/api/3/field'], ['PUT', `/rest/api/3/field/${field.id}`],
      ['POST', `/rest/api/3/field/${field.id}/context/10100/option`], ['PUT', `/rest/api/3/field/${field.id}/context/10100/option`], ['POST', '/rest/api/3/issue'], ['PUT', '/rest/api/3/issue/ENG-1'],
      ['POST', '/rest/api/2/issue'], ['PUT', '/rest/api/2/issue/ENG-1'], ['POST', '/rest/api/2/issue/ENG-1/comment'], ['POST', '/rest/api/2/issue/ENG-1/worklog'], ['POST', '/rest/api/2/issueLink'],
      ['POST', '/rest/api/2/issue/bulk'], ['POST', '/rest/api/3/issue/ENG-1/attachments'],
    ];
    const bad: string[] = [];
    for (const [method, path] of paths) {
      for (const body of GARBAGE) {
        for (const type of ['application/json', 'multipart/form-data; boundary=zz']) {
          const r = await call(method, path, body, type);
          if (r.status >= 500) bad.push(`${method} ${path} ${type} ${JSON.stringify(body)} → ${r.status} ${r.text.slice(0, 120)}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('parameters, ranges and JQL over components, versions and custom fields', async () => {
    const statuses: number[] = [];
    for (const path of ['/rest/api/3/component/abc', '/rest/api/3/project/ENG/component?orderBy=constructor', '/rest/api/3/project/ENG/version?orderBy=__proto__&status=x,,', '/rest/api/3/attachment/content/abc?redirect=false', '/rest/api/2/attachment/abc', '/rest/api/3/field/customfield_1/context', '/rest/api/3/task/nope']) {
      statuses.push((await call('GET', path)).status);
    }
    for (const jql of ['cf[1', 'cf[99999] = 1', 'component = x', 'fixVersion in releasedVersions(NOPE)', 'fixVersion = latestReleasedVersion()', 'ORDER BY cf[1]', 'constructor = 1', 'affectedVersion = earliestUnreleasedVersion(ENG, MOB)']) {
      statuses.push((await call('POST', '/rest/api/3/search/jql', { jql, fields: ['*all'] })).status);
    }
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.every((s) => s >= 400)).toBe(true);
  });
});
