/** The bound on finished webhook deliveries (`--log-entries`): the earliest finished leave first, pending ones (waiting for a retry) always stay. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwin } from '../../src/core/twin.js';
import { listen, type Listening } from '../../src/server/node.js';
import { definition } from '../../twins/jira/index.js';

let l: Listening;
let receiver: Server;
let hook: string;
beforeAll(async () => {
  l = await listen(createTwin(definition(), { seed: 'jira-tests', retention: { logEntries: 2 } }), { port: 0 });
  // The receiver answers 500 to the issue named "retry" (Jira retries a 5xx) and 200 to every other.
  receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      res.statusCode = raw.includes('"summary":"retry"') ? 500 : 200;
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await l.close();
  await new Promise((r) => receiver.close(r));
});

describe('finished webhook deliveries', () => {
  it('keep the newest --log-entries finished ones and every pending one', async () => {
    const creds = (await (await fetch(`${l.url}/t/bound/_dtu/credentials`)).json()) as { host: string; email: string; apiToken: string };
    const h = { authorization: `Basic ${Buffer.from(`${creds.email}:${creds.apiToken}`).toString('base64')}`, 'content-type': 'application/json' };
    const reg = await fetch(`${creds.host}/rest/webhooks/1.0/webhook`, { method: 'POST', headers: h, body: JSON.stringify({ name: 'all', url: hook, events: ['jira:issue_created'] }) });
    expect(reg.status).toBe(201);
    const flush = async () => ((await (await fetch(`${creds.host}/_dtu/jira/webhooks/flush`, { method: 'POST' })).json()) as { deliveries: Array<{ state: string; body: unknown }> }).deliveries;
    const summaries: string[] = [];
    for (const summary of ['retry', 'one', 'two', 'three', 'four']) {
      const res = await fetch(`${creds.host}/rest/api/3/issue`, { method: 'POST', headers: h, body: JSON.stringify({ fields: { project: { key: 'ENG' }, summary, issuetype: { name: 'Task' } } }) });
      expect(res.status).toBe(201);
      summaries.push(summary);
      await flush();
    }
    const left = await flush();
    const seen = left.map((d) => [(d.body as { issue: { fields: { summary: string } } }).issue.fields.summary, d.state]);
    // The failing one waits for its retry (5–15 minutes on the twin clock) and is kept; of the four delivered, the last two.
    expect(seen).toEqual([['retry', 'pending'], ['three', 'delivered'], ['four', 'delivered']]);
  });
});
