/**
 * Drive's write path, replayed against compiled builds for a byte-for-byte comparison: a fixed sequence of
 * files.create (every `fields` shape, folders, shared drives, editor files, uploads, reserved ids, another
 * user, a service account, refusals), updates, copies, deletes, watch channels, changes.list pages and reads,
 * then the journal (without its wall-time durations) and the tenant's snapshot. Each build runs in-process on a clock that moves only between
 * requests (so builds that read it a different number of times still agree); push notifications are caught
 * at `fetch` and recorded with their headers and bodies. Writes one JSON file per build and says whether
 * they differ.
 *
 * `--log-entries N` bounds the change log (`--log-entries`) so the sequence also trims it as it goes.
 *
 *   npm run build && npx tsx scripts/bench/drive-transcript.ts --root <before-checkout>,. [--out /tmp/drive-transcript] [--log-entries 5]
 */
import { createSign } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { root: { type: 'string', default: '.' }, out: { type: 'string', default: '/tmp/drive-transcript' }, 'log-entries': { type: 'string' } } });
const retention = values['log-entries'] ? { retention: { logEntries: Number(values['log-entries']) } } : {};
const roots = values.root.split(',');
mkdirSync(values.out, { recursive: true });

const ORIGIN = 'http://google.transcript.test';
const HOOKS = 'http://hooks.transcript.test';

async function transcript(root: string): Promise<string> {
  const build = (await import(pathToFileURL(join(resolve(root), 'dist/src/vendors.js')).href)) as typeof import('../../src/vendors.js');
  const { Clock } = (await import(pathToFileURL(join(resolve(root), 'dist/src/core/clock.js')).href)) as typeof import('../../src/core/clock.js');
  let wall = Date.UTC(2026, 0, 1);
  const twin = await build.createVendorTwin('google', { clock: new Clock(() => wall), seed: 'drive-transcript', ...retention });
  const log: unknown[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.startsWith(HOOKS)) {
      log.push({ push: url, method: init?.method, headers: init?.headers, body: init?.body });
      return new Response(null, { status: 200 });
    }
    return twin.fetch(new Request(url, init));
  }) as typeof fetch;
  const call = async (token: string | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    wall += 1000;
    const h: Record<string, string> = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    let payload: BodyInit | undefined;
    if (typeof body === 'string' || body instanceof Uint8Array) payload = body as BodyInit;
    else if (body !== undefined) {
      h['content-type'] ??= 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await twin.fetch(new Request(`${ORIGIN}${path}`, { method, headers: h, body: payload }));
    const text = await res.text();
    log.push({ request: `${method} ${path}`, status: res.status, headers: Object.fromEntries(res.headers), body: text });
    // Timers and deliveries run between requests, as they would between a client's calls.
    await new Promise((ok) => setImmediate(ok));
    try {
      return text ? JSON.parse(text) : undefined;
    } catch {
      return text;
    }
  };
  try {
    const creds = (await (await twin.fetch(new Request(`${ORIGIN}/_dtu/credentials`))).json()) as any;
    const admin = creds.accessToken as string;
    const [bob, bobToken] = Object.entries(creds.userTokens as Record<string, string>).find(([e]) => e.startsWith('bob@'))!;
    const alice = Object.entries(creds.userTokens as Record<string, string>).find(([e]) => e.startsWith('alice@'))!;
    // A service account acting as itself: its own permission id and display name come from the tenant's random source.
    const sa = creds.serviceAccount;
    const now = Math.floor(wall / 1000);
    const b64u = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${b64u({ alg: 'RS256', typ: 'JWT', kid: sa.private_key_id })}.${b64u({ iss: sa.client_email, scope: 'https://www.googleapis.com/auth/drive', aud: sa.token_uri, iat: now, exp: now + 3600 })}`;
    const signature = createSign('RSA-SHA256').update(unsigned).sign(sa.private_key, 'base64url');
    const saToken = (await call(undefined, 'POST', '/token', `grant_type=${encodeURIComponent('urn:ietf:params:oauth:grant-type:jwt-bearer')}&assertion=${unsigned}.${signature}`, { 'content-type': 'application/x-www-form-urlencoded' })).access_token as string;

    const files = '/drive/v3/files';
    const start = await call(admin, 'GET', '/drive/v3/changes/startPageToken');
    const folder = await call(admin, 'POST', `${files}?fields=*`, { name: 'Folder', mimeType: 'application/vnd.google-apps.folder' });
    await call(admin, 'POST', '/drive/v3/changes/watch?pageToken=1', { id: 'changes-channel', type: 'web_hook', address: `${HOOKS}/changes`, token: 'tok' });
    await call(admin, 'POST', `${files}/${folder.id}/watch`, { id: 'folder-channel', type: 'web_hook', address: `${HOOKS}/folder` });
    await call(bobToken, 'POST', '/drive/v3/changes/watch?pageToken=1', { id: 'bob-changes', type: 'web_hook', address: `${HOOKS}/bob` });
    await call(admin, 'POST', files, { name: 'plain.txt' });
    await call(admin, 'POST', `${files}?fields=*`, { name: 'all fields.md', description: 'd', starred: true, properties: { a: '1', b: null }, appProperties: { x: 'y' } });
    await call(admin, 'POST', `${files}?fields=id,name,owners,permissions(id,role),capabilities/canEdit,parents,webViewLink,iconLink,size,md5Checksum,fileExtension,quotaBytesUsed,lastModifyingUser`, { name: 'some fields.tar.gz', parents: [folder.id] });
    const inFolder = await call(admin, 'POST', `${files}?fields=id,parents`, { name: 'in folder.csv', parents: [folder.id], mimeType: 'text/csv' });
    await call(admin, 'POST', `${files}?fields=nope`, { name: 'bad fields' });
    await call(admin, 'POST', `${files}?fields=files(id)`, { name: 'bad fields too' });
    await call(admin, 'POST', files, { name: 'read only', size: '3' });
    await call(admin, 'POST', files, { name: 'two parents', parents: [folder.id, 'root'] });
    await call(admin, 'POST', files, { name: 'missing parent', parents: ['nope'] });
    await call(admin, 'POST', files, { name: 'bad props', properties: [1] });
    await call(admin, 'POST', `${files}?fields=*`, { name: 'Doc', mimeType: 'application/vnd.google-apps.document' });
    await call(admin, 'POST', `${files}?fields=*`, { name: 'Sheet', mimeType: 'application/vnd.google-apps.spreadsheet', parents: [folder.id] });
    const reserved = await call(admin, 'GET', `${files}/generateIds?count=2`);
    await call(admin, 'POST', `${files}?fields=id,name`, { id: reserved.ids[0], name: 'reserved' });
    await call(admin, 'POST', files, { id: reserved.ids[0], name: 'reserved again' });
    await call(admin, 'POST', files, { id: 'made-up', name: 'unusable id' });
    await call(bobToken, 'POST', `${files}?fields=*`, { name: "bob's.txt" });
    await call(bobToken, 'POST', files, { name: 'into admin folder', parents: [folder.id] });
    await call(admin, 'POST', `${files}/${folder.id}/permissions?sendNotificationEmail=false`, { type: 'user', role: 'writer', emailAddress: bob });
    await call(bobToken, 'POST', `${files}?fields=*`, { name: 'bob in shared folder.txt', parents: [folder.id] });
    await call(alice[1], 'POST', `${files}?fields=id,owners,permissions`, { name: 'alice.txt' });
    await call(saToken, 'POST', `${files}?fields=*`, { name: 'robot.txt' });
    await call(saToken, 'POST', files, { name: 'robot two.txt' });
    await call(creds.tokens.adminDriveFile, 'POST', `${files}?fields=*`, { name: 'app file.txt' });
    await call(creds.tokens.aliceReadonly, 'POST', files, { name: 'readonly scope' });
    await call(undefined, 'POST', `${files}?key=${creds.apiKey}`, { name: 'anonymous' });
    const drive = await call(admin, 'POST', '/drive/v3/drives?requestId=r1', { name: 'Team' });
    await call(admin, 'POST', `${files}?supportsAllDrives=true&fields=*`, { name: 'team file.txt', parents: [drive.id] });
    await call(admin, 'POST', `${files}?fields=*`, { name: 'team file hidden', parents: [drive.id] });
    await call(admin, 'POST', `${files}/${drive.id}/permissions?supportsAllDrives=true&sendNotificationEmail=false`, { type: 'user', role: 'writer', emailAddress: sa.client_email });
    await call(saToken, 'POST', `${files}?supportsAllDrives=true&fields=*`, { name: 'robot in team.txt', parents: [drive.id] });
    await call(admin, 'POST', `${files}?supportsAllDrives=true`, { name: 'Team folder', parents: [drive.id], mimeType: 'application/vnd.google-apps.folder' });
    const boundary = 'b0und4ry';
    const multipart = `--${boundary}\r\ncontent-type: application/json\r\n\r\n${JSON.stringify({ name: 'upload.bin', parents: [folder.id] })}\r\n--${boundary}\r\ncontent-type: application/octet-stream\r\n\r\nhello bytes\r\n--${boundary}--`;
    await call(admin, 'POST', `/upload${files}?uploadType=multipart&fields=*`, multipart, { 'content-type': `multipart/related; boundary=${boundary}` });
    await call(admin, 'POST', `/upload${files}?uploadType=media&fields=*`, 'raw,csv\n1,2', { 'content-type': 'text/csv' });
    await call(admin, 'POST', `/upload${files}?uploadType=multipart&fields=id,mimeType`, `--${boundary}\r\ncontent-type: application/json\r\n\r\n{"name":"as sheet","mimeType":"application/vnd.google-apps.spreadsheet"}\r\n--${boundary}\r\ncontent-type: text/csv\r\n\r\na,b\n1,2\r\n--${boundary}--`, { 'content-type': `multipart/related; boundary=${boundary}` });
    for (let i = 0; i < 5; i++) await call(admin, 'POST', files, { name: `bench ${i}.txt` });
    await call(admin, 'PATCH', `${files}/${inFolder.id}?fields=*`, { name: 'renamed.csv' });
    await call(admin, 'PATCH', `${files}/${inFolder.id}?addParents=root&removeParents=${folder.id}&fields=id,parents`, {});
    await call(admin, 'POST', `${files}/${inFolder.id}/copy?fields=*`, { name: 'copied.csv' });
    await call(admin, 'PATCH', `${files}/${inFolder.id}`, { trashed: true });
    await call(admin, 'DELETE', `${files}/${inFolder.id}`);
    for (const who of [admin, bobToken, saToken]) {
      await call(who, 'GET', `/drive/v3/changes?pageToken=${start.startPageToken}&fields=*&pageSize=7`);
      await call(who, 'GET', `/drive/v3/changes?pageToken=1&includeRemoved=true&fields=*`);
      await call(who, 'GET', `/drive/v3/changes?pageToken=1&supportsAllDrives=true&includeItemsFromAllDrives=true`);
      await call(who, 'GET', '/drive/v3/changes/startPageToken');
      await call(who, 'GET', `${files}?q=${encodeURIComponent("name contains 'bench' and trashed = false")}&pageSize=3&fields=*`);
      await call(who, 'GET', `${files}?q=${encodeURIComponent(`'${folder.id}' in parents`)}&orderBy=modifiedTime desc,name`);
      await call(who, 'GET', `${files}/${folder.id}?fields=*`);
    }
    // Durations are wall time, the one thing two runs never share.
    const journal = (await (await twin.fetch(new Request(`${ORIGIN}/_dtu/journal`))).json()) as { entries: Array<Record<string, unknown>> };
    for (const e of journal.entries) delete e.durationMs;
    log.push({ journal });
    log.push({ snapshot: JSON.parse(await (await twin.fetch(new Request(`${ORIGIN}/_dtu/snapshot`))).text()) });
  } finally {
    globalThis.fetch = realFetch;
    await twin.close();
  }
  return JSON.stringify(log, null, 1);
}

const texts: string[] = [];
for (const [i, root] of roots.entries()) {
  const text = await transcript(root);
  texts.push(text);
  const file = join(values.out, `${i}.json`);
  writeFileSync(file, text);
  console.log(`${root}: ${file} (${text.length} characters)`);
}
if (texts.length > 1) {
  const same = texts.every((t) => t === texts[0]);
  console.log(same ? 'identical' : `DIFFERENT: diff ${values.out}/0.json ${values.out}/1.json`);
  if (!same) process.exitCode = 1;
}
