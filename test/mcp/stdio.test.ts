/** `dtu mcp` on stdio, attached to running twins with --url: the SDK client lists tools and reaches the twins through them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startTwins, type Started } from '../../src/start.js';
import { callOk, stdioClient } from './helpers.js';

let suite: Started;
let client: Client;

beforeAll(async () => {
  suite = await startTwins({ twins: ['okta', 'jira'], portBase: 0 });
  // One twin named by vendor, the other found by asking its health endpoint.
  client = await stdioClient(['--url', `okta=${suite.urls.okta}`, '--url', suite.urls.jira!]);
}, 60_000);

afterAll(async () => {
  await client?.close();
  await suite?.close();
});

describe('dtu mcp over stdio', () => {
  it('attaches to the running twins and acts on them', async () => {
    const { tools } = await client.listTools();
    expect(tools.length).toBe(23);
    const r = await callOk(client, 'list_twins');
    expect(Object.keys(r.twins).sort()).toEqual(['jira', 'okta']);
    expect(r.twins.jira.baseUrl).toBe(suite.urls.jira);
    await callOk(client, 'okta_act', { action: 'deactivate', user: 'grace.hopper@acme.example', tenant: 'stdio' });
    // The default tenant's token does not open another tenant; read with that tenant's own credentials.
    const res = await fetch(`${suite.urls.okta}/t/stdio/api/v1/users/grace.hopper@acme.example`, { headers: { authorization: `SSWS ${r.twins.okta.credentials.token}` } });
    expect(res.status).toBe(401);
    const creds = (await (await fetch(`${suite.urls.okta}/t/stdio/_dtu/credentials`)).json()) as { token: string };
    const again = await fetch(`${suite.urls.okta}/t/stdio/api/v1/users/grace.hopper@acme.example`, { headers: { authorization: `SSWS ${creds.token}` } });
    expect(((await again.json()) as { status: string }).status).toBe('DEPROVISIONED');
    const cov = await callOk(client, 'coverage', { vendor: 'jira' });
    expect(cov.coverage.jira.twin).toBe('jira');
  });

  it('names the running twins when asked for one that is not attached', async () => {
    const r = (await client.callTool({ name: 'inspect_slack', arguments: { what: 'channels' } })) as { isError?: boolean; content: Array<{ text: string }> };
    expect(r.isError).toBe(true);
    expect(r.content[0].text).toMatch(/slack twin is not running[\s\S]*Next: running twins: okta, jira/);
  });
});
