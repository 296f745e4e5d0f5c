/**
 * Byte-for-byte comparison of two Slack builds: the same Web API calls (posts with mentions, a broadcast thread reply,
 * blocks, a DM, edits, a reaction and a pin, searches with each modifier, reads, errors) on each build's compiled twin with a frozen clock and one seed, then every reply
 * (status, headers, body), the event log and every delivery with its Events API envelope (`/_dtu/slack/events`,
 * `/_dtu/slack/deliveries`). Exits 1 on a difference.
 *
 *   npm run build && npx tsx scripts/bench/slack-diff.ts <before-checkout> .   [SHOW=1 prints the deliveries]
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
const roots = process.argv.slice(2);
if (roots.length !== 2) throw new Error('usage: slack-diff.ts <before-checkout> <after-checkout>');
async function run(root: string) {
  const { createVendorTwin } = await import(pathToFileURL(join(root, 'dist/src/vendors.js')).href);
  const { Clock } = await import(pathToFileURL(join(root, 'dist/src/core/clock.js')).href);
  const clock = new Clock();
  clock.freeze('2026-03-04T05:06:07.000Z');
  const twin = await createVendorTwin('slack', { seed: 'events-diff', clock });
  const O = 'http://x.test';
  const out: string[] = [];
  const creds = await (await twin.fetch(new Request(`${O}/_dtu/credentials`))).json();
  const call = async (token: string, m: string, args: Record<string, string>, ct = 'application/x-www-form-urlencoded') => {
    const body = ct.includes('json') ? JSON.stringify(args) : new URLSearchParams(args).toString();
    const res = await twin.fetch(new Request(`${O}/api/${m}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': ct }, body }));
    const h: Record<string, string> = {};
    res.headers.forEach((v: string, k: string) => (h[k] = v));
    const text = await res.text();
    out.push(`${m} ${res.status} ${JSON.stringify(h)} ${text}`);
    return JSON.parse(text);
  };
  const bot = creds.botToken, user = creds.userToken;
  const ch = (await call(bot, 'conversations.create', { name: 'diff' })).channel.id;
  await call(user, 'conversations.join', { channel: ch });
  const p = await call(bot, 'chat.postMessage', { channel: ch, text: `hello <@${creds.botUserId}> and <@${creds.installerUserId}>` });
  await call(user, 'chat.postMessage', { channel: ch, text: `hi <@${creds.botUserId}>` });
  await call(user, 'chat.postMessage', { channel: ch, text: 'reply', thread_ts: p.ts, reply_broadcast: 'true' }, 'application/json; charset=utf-8');
  await call(bot, 'chat.postMessage', { channel: ch, text: 'blocks', blocks: JSON.stringify([{ type: 'section', text: { type: 'mrkdwn', text: '*b*' } }]), username: 'x', icon_emoji: ':y:' });
  await call(bot, 'chat.postMessage', { channel: ch, text: 'json no charset' }, 'application/json');
  await call(bot, 'chat.postMessage', { channel: creds.installerUserId, text: 'dm' });
  await call(bot, 'conversations.setTopic', { channel: ch, topic: 't' });
  await call(bot, 'chat.update', { channel: ch, ts: p.ts, text: 'edited' });
  await call(bot, 'conversations.info', { channel: ch, include_num_members: 'true' });
  await call(user, 'conversations.info', { channel: ch });
  await call(bot, 'conversations.list', { types: 'public_channel,private_channel', limit: '3' });
  await call(bot, 'conversations.history', { channel: ch });
  // Search with each modifier the twin reads (https://slack.com/help/articles/202528808-Search-in-Slack), before and after a delete.
  await call(user, 'reactions.add', { channel: ch, timestamp: p.ts, name: 'eyes' });
  await call(user, 'pins.add', { channel: ch, timestamp: p.ts });
  const day = new Date(Number(p.ts) * 1000).toISOString().slice(0, 10);
  const searches = ['edited', 'hi', `from:<@${creds.installerUserId}>`, `reply in:<#${ch}>`, `on:${day}`, `before:${day}`, 'has:reaction', 'has:pin edited', '"hi <@"', 'json -x', 'is:thread reply'];
  for (const query of searches) await call(user, 'search.messages', { query, count: '2', sort: 'timestamp' });
  await call(user, 'search.all', { query: 'blocks' });
  await call(bot, 'chat.delete', { channel: ch, ts: p.ts });
  for (const query of searches.slice(0, 4)) await call(user, 'search.messages', { query });
  await call(bot, 'conversations.info', { channel: 'nope' });
  await new Promise((r) => setTimeout(r, 100));
  for (const path of ['/_dtu/slack/events', '/_dtu/slack/deliveries']) out.push(`${path} ${await (await twin.fetch(new Request(`${O}${path}`))).text()}`);
  await twin.close();
  return out;
}
const [a, b] = [await run(roots[0]), await run(roots[1])];
if (process.env.SHOW) console.log(a.at(-1)!.slice(0, 2500));
let same = a.length === b.length;
for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) {
    same = false;
    console.log('DIFF', i, '\n  ', a[i]?.slice(0, 800), '\n  ', b[i]?.slice(0, 800));
  }
console.log(same ? `identical: ${a.length} replies and logs, ${a.join('').length} characters` : 'DIFFERENT');
process.exit(same ? 0 : 1);
