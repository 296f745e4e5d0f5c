// Files through @slack/web-api: files.uploadV2 end to end (get URL, upload bytes, complete and share), info/list/delete, downloads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { startSlack, workspace, slackError, channelId } from './helpers.js';

let server: Listening;
beforeAll(async () => { server = await startSlack(); });
afterAll(async () => { await server.close(); });

describe('files.uploadV2 (docs.slack.dev/messaging/working-with-files#upload)', () => {
  it('uploads bytes, shares them into a channel with a comment, and serves them back from url_private', async () => {
    const ws = await workspace(server, 'files-v2');
    const lab = await channelId(ws.bot, 'bot-lab');
    const res: any = await ws.bot.files.uploadV2({ channel_id: lab, file: Buffer.from('hello,world\n1,2\n'), filename: 'report.csv', title: 'Weekly report', initial_comment: 'Here is the report' });
    expect(res.ok).toBe(true);
    const uploaded = (res.files as Array<{ files: Array<{ id: string; title: string; name: string; mimetype: string; size: number; url_private: string }> }>)[0].files[0];
    expect(uploaded).toMatchObject({ title: 'Weekly report', name: 'report.csv', mimetype: 'text/csv', size: 16 });
    const history = await ws.bot.conversations.history({ channel: lab, limit: 1 });
    expect(history.messages![0]).toMatchObject({ text: 'Here is the report', subtype: 'file_share' });
    expect(history.messages![0].files![0].id).toBe(uploaded.id);
    const info = await ws.bot.files.info({ file: uploaded.id });
    expect(info.file?.channels).toEqual([]);
    expect(info.file?.groups).toEqual([lab]);
    const download = await fetch(uploaded.url_private, { headers: { authorization: `Bearer ${ws.creds.botToken}` } });
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('hello,world\n1,2\n');
    const anonymous = await fetch(uploaded.url_private);
    expect(anonymous.status).toBe(403);
  });

  it('uploads several files in one message and into a thread', async () => {
    const ws = await workspace(server, 'files-multi');
    const lab = await channelId(ws.bot, 'bot-lab');
    const parent = await ws.bot.chat.postMessage({ channel: lab, text: 'attachments below' });
    await ws.bot.files.uploadV2({
      channel_id: lab, thread_ts: parent.ts, initial_comment: 'two files',
      file_uploads: [{ file: Buffer.from('a'), filename: 'a.txt' }, { file: Buffer.from('bb'), filename: 'b.txt' }],
    });
    const thread = await ws.bot.conversations.replies({ channel: lab, ts: parent.ts! });
    expect(thread.messages![1].files!.map((f) => f.name)).toEqual(['a.txt', 'b.txt']);
  });

  it('refuses completing a file that was never uploaded, and unknown ids', async () => {
    const ws = await workspace(server, 'files-incomplete');
    const url = await ws.bot.files.getUploadURLExternal({ filename: 'x.txt', length: 3 });
    expect(url.upload_url).toMatch(new RegExp(`^${ws.base}/upload/v1/F`));
    expect((await slackError(ws.bot.files.completeUploadExternal({ files: [{ id: url.file_id! }] }))).error).toBe('file_not_found');
    expect((await slackError(ws.bot.files.completeUploadExternal({ files: [{ id: 'F0000000000' }] }))).error).toBe('file_not_found');
    expect((await slackError(ws.bot.files.getUploadURLExternal({ filename: 'x.txt' } as never))).error).toBe('invalid_arguments');
  });
});

describe('files.info / list / delete / public URLs', () => {
  it('lists by channel and user, deletes own files, and refuses others', async () => {
    const ws = await workspace(server, 'files-list');
    const general = await channelId(ws.bot, 'general');
    await ws.bot.files.uploadV2({ channel_id: general, file: Buffer.from('bot file'), filename: 'bot.txt' });
    const userUp: any = await ws.userClient.files.uploadV2({ channel_id: general, file: Buffer.from('user file'), filename: 'user.txt' });
    const userFile = (userUp.files as Array<{ files: Array<{ id: string }> }>)[0].files[0].id;
    const all = await ws.bot.files.list({ channel: general });
    expect(all.files!.map((f) => f.name)).toEqual(['user.txt', 'bot.txt']);
    const mine = await ws.bot.files.list({ user: ws.creds.botUserId });
    expect(mine.files!.map((f) => f.name)).toEqual(['bot.txt']);
    expect((await slackError(ws.bot.files.delete({ file: userFile }))).error).toBe('cant_delete_file');
    const pub = await ws.userClient.files.sharedPublicURL({ file: userFile });
    expect(pub.file?.public_url_shared).toBe(true);
    await ws.userClient.files.revokePublicURL({ file: userFile });
    await ws.userClient.files.delete({ file: userFile });
    expect((await slackError(ws.bot.files.info({ file: userFile }))).error).toBe('file_not_found');
  });

  it('remote files: add, share, info, list, update, remove', async () => {
    const ws = await workspace(server, 'files-remote');
    const lab = await channelId(ws.bot, 'bot-lab');
    const added = await ws.bot.files.remote.add({ external_id: 'doc-1', external_url: 'https://docs.example.com/1', title: 'Spec' });
    await ws.bot.files.remote.share({ external_id: 'doc-1', channels: lab });
    expect((await ws.bot.files.remote.info({ file: added.file!.id! })).file?.title).toBe('Spec');
    await ws.bot.files.remote.update({ external_id: 'doc-1', title: 'Spec v2' });
    expect((await ws.bot.files.remote.list({})).files!.map((f) => f.title)).toEqual(['Spec v2']);
    await ws.bot.files.remote.remove({ external_id: 'doc-1' });
    expect((await slackError(ws.bot.files.remote.info({ external_id: 'doc-1' }))).error).toBe('file_not_found');
  });
});
