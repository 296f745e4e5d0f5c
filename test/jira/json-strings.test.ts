// Operations whose reference response is a JSON string answer `"value"` as application/json, not text/plain.
import { describe, expect, it } from 'vitest';
import { useSite } from './helpers.js';

const env = useSite();

describe('JSON string replies', () => {
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/#api-rest-api-3-mypreferences-get
  it('a stored preference reads back as a JSON string', async () => {
    await env.site.raw('PUT', '/rest/api/3/mypreferences?key=pref.a', { body: JSON.stringify('kept'), headers: { 'content-type': 'application/json' } });
    const r = await env.site.raw('GET', '/rest/api/3/mypreferences?key=pref.a');
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await r.json()).toBe('kept');
  });

  // PUT /mypreferences takes "a plain text string" (what jira.js Version2Client sends as text/plain), kept as sent.
  it('a preference sent as plain text is stored as that text', async () => {
    const put = await env.site.raw('PUT', '/rest/api/2/mypreferences?key=pref.b', { body: 'false', headers: { 'content-type': 'text/plain' } });
    expect(put.status).toBe(204);
    expect(await (await env.site.raw('GET', '/rest/api/2/mypreferences?key=pref.b')).json()).toBe('false');
  });

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-key-and-name-validation/
  it('project key and name suggestions are JSON strings that differ from taken ones', async () => {
    const key = await env.site.raw('GET', '/rest/api/3/projectvalidate/validProjectKey?key=ENG');
    expect(key.headers.get('content-type')).toMatch(/^application\/json/);
    const k = await key.json();
    expect(typeof k).toBe('string');
    expect(k).not.toBe('ENG');
    const project = await env.site.client.projects.getProject({ projectIdOrKey: 'ENG' });
    const name = await env.site.raw('GET', `/rest/api/3/projectvalidate/validProjectName?name=${encodeURIComponent(project.name!)}`);
    expect(name.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await name.json()).not.toBe(project.name);
  });
});
