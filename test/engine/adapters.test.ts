import { afterEach, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import WebSocket from 'ws';
import { Twin } from '../../src/core/twin.js';
import { listen, type Listening } from '../../src/server/node.js';
import { mswHandlers } from '../../src/msw.js';
import { petsDefinition } from './fixture-twin.js';

const open: Listening[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
});

describe('node adapter', () => {
  it('serves the same twin over a real socket, with tenant prefixes', async () => {
    const l = await listen(new Twin(petsDefinition()));
    open.push(l);
    expect(l.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${l.url}/t/sock/v1/pets`, { method: 'POST', headers: { authorization: 'Key key-sock', 'content-type': 'application/json' }, body: '{"name":"n"}' });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-limit')).toBe('3');
  });

  it('routes WebSocket upgrades to the twin, with the tenant from the prefix', async () => {
    const def = petsDefinition({
      websockets: [{ path: '/link/', handle: (ws, _req, ctx) => { ws.send(JSON.stringify({ type: 'hello', tenant: ctx.tenantName, ticket: ctx.url.searchParams.get('ticket') })); ws.on('message', (m) => ws.send(`echo:${m}`)); } }],
    });
    const l = await listen(new Twin(def));
    open.push(l);
    const ws = new WebSocket(`${l.url.replace('http', 'ws')}/t/wst/link/?ticket=abc`);
    const messages: string[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('message', (m) => {
        messages.push(String(m));
        if (messages.length === 1) ws.send('ping');
        else resolve();
      });
      ws.on('error', reject);
    });
    ws.close();
    expect(JSON.parse(messages[0])).toEqual({ type: 'hello', tenant: 'wst', ticket: 'abc' });
    expect(messages[1]).toBe('echo:ping');
    const refused = new WebSocket(`${l.url.replace('http', 'ws')}/nowhere`);
    const err = await new Promise<Error>((resolve) => refused.on('error', resolve));
    expect(err.message).toMatch(/404/);
  });
});

describe('msw adapter', () => {
  it('answers requests for the twin origin in-process and leaves other origins alone', async () => {
    const twin = new Twin(petsDefinition());
    const server = setupServer(...mswHandlers(twin, { origins: ['https://pets.example.com'] }));
    server.listen({ onUnhandledRequest: 'bypass' });
    try {
      const res = await fetch('https://pets.example.com/t/msw/v1/pets', { method: 'POST', headers: { authorization: 'Key key-msw', 'content-type': 'application/json' }, body: '{"name":"in-process"}' });
      expect(res.status).toBe(201);
      const list = await (await fetch('https://pets.example.com/t/msw/v1/pets', { headers: { authorization: 'Key key-msw' } })).json();
      expect(list).toMatchObject([{ name: 'in-process' }]);
      await expect(fetch('http://127.0.0.1:1/nothing')).rejects.toThrow();
    } finally {
      server.close();
    }
  });
});

describe('extra routes', () => {
  it('journal non-spec routes, render vendor errors and carry common headers', async () => {
    const { extraRoute } = await import('../../src/core/extra-route.js');
    const { VendorError } = await import('../../src/core/errors.js');
    const def = petsDefinition({
      commonHeaders: () => ({ 'x-request-id': 'r1' }),
      routes: (app, twin) => {
        app.post('/oauth/token', extraRoute(twin, 'oauth.token', async (c, tenant) => {
          const form = await c.req.parseBody();
          if (form.grant_type !== 'client_credentials') throw new VendorError(400, { error: 'unsupported_grant_type' });
          return c.json({ access_token: `tok-${tenant.name}` });
        }));
      },
    });
    const twin = new Twin(def);
    const ok = await twin.fetch(new Request('http://p/t/x/oauth/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' }));
    expect(await ok.json()).toEqual({ access_token: 'tok-x' });
    expect(ok.headers.get('x-request-id')).toBe('r1');
    const bad = await twin.fetch(new Request('http://p/oauth/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=password' }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'unsupported_grant_type' });
    const entries = twin.journal.query({ operationId: 'oauth.token' });
    expect(entries.map((e) => [e.tenant, e.status, e.request.body])).toEqual([['x', 200, 'grant_type=client_credentials'], ['default', 400, 'grant_type=password']]);
  });
});
