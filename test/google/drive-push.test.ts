// Drive push through googleapis: changes.watch and files.watch notify the address with X-Goog-* headers, only for changes the watcher can see; channels.stop ends a channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Listening } from '../../src/server/node.js';
import { clients, failure, freshTenant, startTwin } from './helpers.js';

let l: Listening;
let server: Server;
let port = 0;
const got: IncomingHttpHeaders[] = [];
beforeAll(async () => {
  l = await startTwin();
  server = createServer((req, res) => {
    got.push(req.headers);
    req.resume().on('end', () => res.end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  server?.close();
  await l?.close();
});

const settle = async (n: number) => {
  for (let i = 0; i < 50 && got.length < n; i++) await new Promise((r) => setTimeout(r, 20));
};

describe('Drive push notifications', () => {
  it('changes.watch: sync, then change for visible changes only; files.watch: update with X-Goog-Changed; channels.stop', async () => {
    const { creds } = await freshTenant(l);
    const alice = clients(l, creds.userTokens[`alice@${creds.domain}`]).drive;
    const bob = clients(l, creds.userTokens[`bob@${creds.domain}`]).drive;
    got.length = 0;
    const start = await alice.changes.getStartPageToken({});
    const ch = await alice.changes.watch({ pageToken: start.data.startPageToken!, requestBody: { id: 'drive-ch', type: 'web_hook', address: `http://127.0.0.1:${port}/drive`, token: 't' } });
    await settle(1);
    expect(got.map((h) => h['x-goog-resource-state'])).toEqual(['sync']);
    // Bob's private file is none of Alice's business.
    await bob.files.create({ requestBody: { name: 'bob-only.txt' } });
    const mine = await alice.files.create({ requestBody: { name: 'alice.txt' } });
    await settle(2);
    await new Promise((r) => setTimeout(r, 50));
    // Drive push guide: the changes resource reports `change`; a file reports sync/add/remove/update/trash/untrash.
    expect(got.map((h) => h['x-goog-resource-state'])).toEqual(['sync', 'change']);
    expect(got[1]).toMatchObject({ 'x-goog-channel-id': 'drive-ch', 'x-goog-channel-token': 't', 'x-goog-resource-id': ch.data.resourceId, 'x-goog-message-number': '2' });

    const fch = await alice.files.watch({ fileId: mine.data.id!, requestBody: { id: 'file-ch', type: 'web_hook', address: `http://127.0.0.1:${port}/file` } });
    await alice.files.update({ fileId: mine.data.id!, requestBody: { name: 'alice-renamed.txt' } });
    await settle(5);
    expect(got.filter((h) => h['x-goog-channel-id'] === 'file-ch').map((h) => [h['x-goog-resource-state'], h['x-goog-changed']])).toEqual([['sync', undefined], ['update', 'properties']]);
    await alice.channels.stop({ requestBody: { id: 'drive-ch', resourceId: ch.data.resourceId! } });
    await alice.channels.stop({ requestBody: { id: 'file-ch', resourceId: fch.data.resourceId! } });
    expect((await failure(alice.channels.stop({ requestBody: { id: 'drive-ch', resourceId: ch.data.resourceId! } }))).status).toBe(404);
    const before = got.length;
    await alice.files.update({ fileId: mine.data.id!, requestBody: { name: 'quiet.txt' } });
    await new Promise((r) => setTimeout(r, 100));
    expect(got.length).toBe(before);
  });

  it('a folder channel hears children; a file channel hears content, permissions, trash and untrash', async () => {
    const { creds, base } = await freshTenant(l);
    const alice = clients(l, creds.userTokens[`alice@${creds.domain}`]).drive;
    got.length = 0;
    const folder = await alice.files.create({ requestBody: { name: 'Box', mimeType: 'application/vnd.google-apps.folder' } });
    const file = await alice.files.create({ requestBody: { name: 'note.txt' } });
    await alice.files.watch({ fileId: folder.data.id!, requestBody: { id: 'folder-ch', type: 'web_hook', address: `http://127.0.0.1:${port}/folder` } });
    await alice.files.watch({ fileId: file.data.id!, requestBody: { id: 'note-ch', type: 'web_hook', address: `http://127.0.0.1:${port}/note` } });
    await alice.files.create({ requestBody: { name: 'inside.txt', parents: [folder.data.id!] } });
    await alice.files.update({ fileId: file.data.id!, media: { mimeType: 'text/plain', body: 'v2' } }, { rootUrl: `${base}/` });
    await alice.permissions.create({ fileId: file.data.id!, requestBody: { type: 'user', role: 'reader', emailAddress: `bob@${creds.domain}` } });
    await alice.files.update({ fileId: file.data.id!, requestBody: { trashed: true } });
    await alice.files.update({ fileId: file.data.id!, requestBody: { trashed: false } });
    await settle(7);
    const seen = (id: string) => got.filter((h) => h['x-goog-channel-id'] === id).map((h) => [h['x-goog-resource-state'], h['x-goog-changed']]);
    expect(seen('folder-ch')).toEqual([['sync', undefined], ['update', 'children']]);
    expect(seen('note-ch')).toEqual([['sync', undefined], ['update', 'content'], ['update', 'permissions'], ['trash', undefined], ['untrash', undefined]]);
  });
});
