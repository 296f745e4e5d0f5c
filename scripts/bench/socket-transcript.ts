/**
 * The shared request path compared between two builds over real sockets: each build's `dtu start` serves the same
 * raw HTTP/1.1 requests on all four twins (hits and misses, 401s, 404s, 405s, malformed, empty, chunked and oversized
 * bodies, form and JSON bodies, uploads, tenant prefixes, escaped slashes, HEAD, Jira v2), on a frozen twin clock;
 * the raw response bytes (status line, every header in order, body) and the journal are compared after blanking
 * what differs between two runs of one build (the HTTP date, ports, wall-clock times). Exits 1 on a difference.
 *
 *   npm run build && npx tsx scripts/bench/socket-transcript.ts <before-checkout>/bin/dtu.js bin/dtu.js
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
const [binA, binB] = process.argv.slice(2);
if (!binA || !binB) throw new Error('usage: socket-transcript.ts <before>/bin/dtu.js <after>/bin/dtu.js');
const start = (bin: string, vendor: string) => new Promise<{ child: ChildProcess; url: string }>((resolve, reject) => {
  const child = spawn(process.execPath, [bin, 'start', vendor, '--port-base', '0', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d) => { out += d; const l = out.split('\n').find((x) => x.startsWith('{')); if (l) resolve({ child, url: JSON.parse(l)[vendor] }); });
  child.once('exit', (c) => reject(new Error('exit ' + c)));
});
const raw = (url: string, text: string) => new Promise<string>((resolve) => {
  const u = new URL(url);
  const s = net.connect(Number(u.port), u.hostname);
  let buf = Buffer.alloc(0);
  s.on('data', (d: Buffer) => { buf = Buffer.concat([buf, d]); });
  const done = () => resolve(buf.toString('latin1'));
  s.on('end', done); s.on('error', done);
  s.write(text);
  setTimeout(() => { s.destroy(); done(); }, 1500);
});
const req = (host: string, method: string, path: string, headers: Record<string, string>, body?: string) => {
  const b = body === undefined ? '' : body;
  const hs = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  const len = body === undefined ? '' : `content-length: ${Buffer.byteLength(b)}\r\n`;
  return `${method} ${path} HTTP/1.1\r\nhost: ${host}\r\n${hs}${len}connection: close\r\n\r\n${b}`;
};
const norm = (s: string) => s
  .replace(/date: .*\r\n/gi, 'date: X\r\n')
  .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)/g, 'ISO')
  .replace(/\b1[6-9]\d{8}(\d{3})?\b/g, 'EPOCH')
  .replace(/127\.0\.0\.1(:|%3A)\d+/g, 'HOST')
  .replace(/"durationMs":[\d.]+/g, '"durationMs":0');
type Exchange = [string, string, Record<string, string>, string?];
async function session(bin: string, vendor: string): Promise<string[]> {
  const { child, url } = await start(bin, vendor);
  const host = new URL(url).host;
  const out: string[] = [];
  try {
    await new Promise((r) => setTimeout(r, 200));
    await fetch(`${url}/_dtu/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ freeze: '2026-03-01T00:00:00.000Z' }) }).then((r) => r.text());
    const c = (await (await fetch(`${url}/_dtu/credentials`)).json()) as Record<string, string>;
    const plans: Record<string, () => Exchange[]> = {
      okta: () => { const a = { authorization: `SSWS ${c.token}`, accept: 'application/json', 'content-type': 'application/json' };
        const user = JSON.stringify({ profile: { firstName: 'A', lastName: 'B', email: 'ts1@example.com', login: 'ts1@example.com' } });
        return [['POST', '/api/v1/users?activate=false', a, user], ['POST', '/api/v1/users?activate=True', a, JSON.stringify({ profile: { firstName: 'A', lastName: 'B', email: 'ts2@example.com', login: 'ts2@example.com' } })],
          ['GET', '/api/v1/users/ts1@example.com', a], ['GET', '/api/v1/users/nope', a], ['GET', '/api/v1/users/ts1@example.com', { ...a, authorization: 'SSWS bad' }],
          ['POST', '/api/v1/users', a, '{"profile":'], ['POST', '/api/v1/users', { ...a, 'content-type': 'text/plain' }, 'hi'], ['POST', '/api/v1/users', a, '[1,2]'], ['POST', '/api/v1/users', { ...a, authorization: 'SSWS bad' }, '{bad'],
          ['PATCH', '/api/v1/users/ts1@example.com', a, '{}'], ['DELETE', '/api/v1/nothing', a], ['GET', '/api/v1/users?search=' + encodeURIComponent('profile.lastName eq "B"') + '&limit=2', a],
          ['GET', '/t/other/api/v1/users/me', a], ['GET', '/api/v1/users/a%2Fb', a], ['HEAD', '/api/v1/users/ts1@example.com', a], ['GET', '/api/v1/users?limit=abc', a], ['POST', '/api/v1/users', a, '']]; },
      slack: () => { const a = { authorization: `Bearer ${c.botToken}`, 'content-type': 'application/x-www-form-urlencoded' };
        return [['POST', '/api/conversations.create', a, 'name=ts-chan'], ['POST', '/api/chat.postMessage', a, 'channel=general&text=hi+there'], ['POST', '/api/chat.postMessage', { ...a, 'content-type': 'application/json; charset=utf-8' }, '{"channel":"general","text":"json"}'],
          ['GET', '/api/conversations.list?limit=2', a], ['GET', '/api/conversations.info?channel=nope', a], ['POST', '/api/auth.test', { 'content-type': 'application/x-www-form-urlencoded' }, `token=${c.botToken}`], ['POST', '/api/auth.test', {}, 'token=xoxb-bad'],
          ['POST', '/api/chat.postMessage', { ...a, 'content-type': 'application/json' }, '{bad json'], ['GET', '/api/nope.method', a], ['PUT', '/api/auth.test', a, ''], ['GET', '/t/ws2/api/auth.test', a]]; },
      jira: () => { const a = { authorization: `Basic ${Buffer.from(`${c.email}:${c.apiToken}`).toString('base64')}`, 'content-type': 'application/json', accept: 'application/json' };
        return [['GET', '/rest/api/3/issue/ENG-1', a], ['GET', '/rest/api/3/issue/eng-1', a], ['GET', '/rest/api/3/issue/ENG-1?fields=summary', a], ['GET', '/rest/api/3/issue/ENG-1', a], ['GET', '/rest/api/3/issue/ENG-9999', a], ['GET', '/rest/api/2/issue/ENG-1', a],
          ['GET', '/rest/api/3/issue/ENG-1', { ...a, authorization: 'Basic Zm9vOmJhcg==' }], ['POST', '/rest/api/3/issue', a, '{"fields":{"project":{"key":"ENG"},"summary":"ts","issuetype":{"id":"10001"}}}'], ['POST', '/rest/api/3/issue', a, '{"fields":'],
          ['GET', '/rest/api/3/issue/ENG-1', a], ['PUT', '/rest/api/3/issue/ENG-1', a, '{"fields":{"summary":"changed"}}'], ['GET', '/rest/api/3/issue/ENG-1', a], ['DELETE', '/rest/api/3/issue/ENG-2', a], ['GET', '/rest/api/3/issue/ENG-2', a],
          ['GET', '/rest/api/3/search/jql?jql=project%20%3D%20ENG&maxResults=2', a], ['GET', '/t/site2/rest/api/3/issue/ENG-1', a], ['GET', '/rest/api/3/issue/10001', a]]; },
      google: () => { const a = { authorization: `Bearer ${c.accessToken}`, 'content-type': 'application/json' };
        return [['POST', '/drive/v3/files', a, '{"name":"ts.txt"}'], ['GET', '/drive/v3/files?pageSize=2', a], ['GET', '/drive/v3/files/nope', a], ['GET', '/drive/v3/files?q=' + encodeURIComponent("name contains 'ts'"), a],
          ['POST', '/upload/drive/v3/files?uploadType=media', { ...a, 'content-type': 'text/plain' }, 'hello upload'], ['POST', '/drive/v3/files', { ...a, authorization: 'Bearer bad' }, '{"name":"x"}'], ['POST', '/drive/v3/files', a, '{"name":'],
          ['GET', '/drive/v3/about?fields=user', a], ['GET', '/t/t2/drive/v3/files?pageSize=1', a]]; },
    };
    for (const [m, p, h, b] of plans[vendor]()) out.push(`>>> ${m} ${p}\n` + norm(await raw(url, req(host, m, p, h, b))));
    // chunked, oversize declared, and the journal
    out.push('>>> chunked\n' + norm(await raw(url, `POST ${vendor === 'okta' ? '/api/v1/users' : vendor === 'jira' ? '/rest/api/3/issue' : vendor === 'slack' ? '/api/chat.postMessage' : '/drive/v3/files'} HTTP/1.1\r\nhost: ${host}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n5\r\n{"a":\r\n2\r\n1}\r\n0\r\n\r\n`)));
    out.push('>>> huge\n' + norm(await raw(url, `POST /api/x HTTP/1.1\r\nhost: ${host}\r\ncontent-type: application/json\r\ncontent-length: 99999999\r\nconnection: close\r\n\r\n{`)));
    out.push('>>> journal\n' + norm(JSON.stringify(await (await fetch(`${url}/_dtu/journal?limit=500`)).json())));
  } finally { child.kill('SIGTERM'); }
  return out;
}
let diff = 0;
for (const v of ['okta', 'slack', 'jira', 'google']) {
  const [A, B] = [await session(binA, v), await session(binB, v)];
  for (let i = 0; i < Math.max(A.length, B.length); i++) if (A[i] !== B[i]) { diff++; let k = 0; while (A[i]?.[k] === B[i]?.[k]) k++; console.log(`DIFF ${v} #${i} at ${k}\n--- A\n${A[i]?.slice(0, 200)} … ${A[i]?.slice(Math.max(0, k - 300), k + 300)}\n--- B\n… ${B[i]?.slice(Math.max(0, k - 300), k + 300)}`); }
  console.log(v, A.length, 'exchanges,', A.join('').length, 'chars', A.filter((x) => /HTTP\/1.1 (4|5)\d\d/.test(x)).length, 'failures');
}
console.log(diff ? `${diff} differences` : 'identical');
if (diff) process.exitCode = 1;
