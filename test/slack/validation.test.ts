// Slack requests are validated against the spec the way Slack reads arguments: one set from query, form or JSON, as strings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import type { Listening } from '../../src/server/node.js';
import type { RequestParts } from '../../src/core/validate.js';
import { layOutArguments } from '../../twins/slack/handlers/args.js';
import { startSlack, workspace } from './helpers.js';

let server: Listening;
beforeAll(async () => { server = await startSlack(); });
afterAll(async () => { await server.close(); });

const parts = (query: Record<string, unknown>, body?: unknown, mediaType = ''): RequestParts => ({ params: {}, query, headers: new Headers(), body, mediaType });

describe('every Slack operation has a working request validator', () => {
  it('each operation that declares required arguments reports exactly those when none are sent (test/engine/schemas-compile.test.ts proves every schema compiles)', () => {
    const twin = server.twin;
    let checked = 0;
    const wrong: string[] = [];
    for (const op of twin.def.digest.operations) {
      const required = [
        ...op.parameters.filter((p) => p.required).map((p) => p.name),
        ...((Object.values(op.requestBody?.content ?? {})[0]?.schema?.required as string[] | undefined) ?? []),
      ].filter((n) => n !== 'token').sort();
      const p = parts({});
      layOutArguments(op, p);
      const reported = twin.validator.request(op, p).filter((i) => i.keyword === 'required').map((i) => i.path.replace(/^\//, '')).sort();
      if (JSON.stringify(reported) !== JSON.stringify(required)) wrong.push(`${op.id}: expected [${required}] got [${reported}]`);
      if (required.length) checked++;
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  });

  it('arguments in the query string, a form or a JSON body are one set; booleans read as Slack reads them; handlers see what was sent', () => {
    const op = server.twin.def.digest.operations.find((o) => o.id === 'chat.postMessage')!;
    const p = parts({ channel: 'C1' }, { text: 'hi', unfurl_links: 1, blocks: [{ type: 'divider' }], thread_ts: '1700000000.000100' }, 'application/json');
    layOutArguments(op, p);
    expect(server.twin.validator.request(op, p)).toEqual([]);
    expect(p.body).toMatchObject({ channel: 'C1', text: 'hi', unfurl_links: true, blocks: '[{"type":"divider"}]', thread_ts: '1700000000.000100' });
  });
});

describe('invalid arguments answer as Slack does (HTTP 200, invalid_arguments, [ERROR] lines)', () => {
  it('an absent required argument is invalid_arguments naming the field; an empty one reaches the method', async () => {
    const ws = await workspace(server, 'validation-missing');
    const res = await ws.raw('/api/conversations.info', { method: 'POST', headers: { authorization: `Bearer ${ws.creds.botToken}` } });
    expect(res.status).toBe(200);
    // github.com/brekkylab/backlot#84: absent channel is invalid_arguments, channel= (empty) is channel_not_found.
    expect(await res.json()).toEqual({ ok: false, error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] missing required field: channel'] } });
    const empty = await ws.raw('/api/conversations.info?channel=', { method: 'GET', headers: { authorization: `Bearer ${ws.creds.botToken}` } });
    expect(await empty.json()).toMatchObject({ ok: false, error: 'channel_not_found' });
  });

  it('a value of the wrong type names the argument by JSON pointer, through the official client', async () => {
    const ws = await workspace(server, 'validation-type');
    const client = new WebClient(ws.creds.botToken, { slackApiUrl: ws.creds.apiUrl, retryConfig: { retries: 0 } });
    const err = await client.conversations.list({ limit: 'lots' as never }).then(() => undefined, (e: { data?: unknown }) => e.data);
    expect(err).toMatchObject({ ok: false, error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] invalid `limit` [json-pointer:/limit]'] } });
  });
});
