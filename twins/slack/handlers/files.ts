/** files.*: the external upload flow behind files.uploadV2, sharing into channels, info/list/delete, public links, remote files. */
import type { OpContext } from '../../../src/core/handler.js';
import { SlackError, invalidArguments } from '../errors.js';
import { filePart, int, json, list, need, str, type Args } from './args.js';
import type { SlackPrincipal } from '../auth.js';
import { conversations, files, getUser, messages, newId, nowSec, team, type Conversation, type FileDoc } from '../store.js';
import { postMessage } from '../model/messages.js';
import { fileView } from '../present/files.js';
import { emitEvent } from '../model/events.js';
import { method, pageNumbers, paginate } from './common.js';
import type { Handlers } from '../generated/operations.js';
import { canSee } from '../model/conversations.js';
import { authorFields } from './chat.js';

const TYPES: Record<string, [string, string, string]> = {
  txt: ['text/plain', 'text', 'Plain Text'], md: ['text/markdown', 'markdown', 'Markdown (raw)'], csv: ['text/csv', 'csv', 'CSV'],
  json: ['application/json', 'json', 'JSON'], png: ['image/png', 'png', 'PNG'], jpg: ['image/jpeg', 'jpg', 'JPEG'], jpeg: ['image/jpeg', 'jpg', 'JPEG'],
  gif: ['image/gif', 'gif', 'GIF'], pdf: ['application/pdf', 'pdf', 'PDF'], zip: ['application/zip', 'zip', 'Zip'], html: ['text/html', 'html', 'HTML'],
  js: ['application/javascript', 'javascript', 'JavaScript'], ts: ['text/plain', 'typescript', 'TypeScript'], py: ['text/plain', 'python', 'Python'],
};

export function fileTypeOf(name: string, snippet?: string): { mimetype: string; filetype: string; pretty_type: string } {
  const ext = (snippet ?? name.split('.').pop() ?? '').toLowerCase();
  const [mimetype, filetype, pretty_type] = TYPES[ext] ?? ['application/octet-stream', 'binary', 'Binary'];
  return { mimetype, filetype, pretty_type };
}

/** A new (not yet shared) file owned by the caller, with URLs on the twin's own origin so downloads work. */
export function newFile(ctx: OpContext, who: SlackPrincipal, name: string, size: number, extra: Partial<FileDoc> = {}): FileDoc {
  const id = newId(ctx.tenant, 'F');
  const t = team(ctx.tenant);
  const now = nowSec(ctx.tenant);
  const safe = encodeURIComponent(name);
  return files(ctx.tenant).put({
    id, name, title: name, ...fileTypeOf(name), user: who.user_id!, user_team: t.id, size, created: now, timestamp: now, completed: false,
    channels: [], groups: [], ims: [], public_url_shared: false,
    url_private: `${ctx.baseUrl}/files-pri/${t.id}-${id}/${safe}`,
    url_private_download: `${ctx.baseUrl}/files-pri/${t.id}-${id}/download/${safe}`,
    permalink: `https://${t.domain}.slack.com/files/${who.user_id}/${id}/${safe}`,
    permalink_public: `https://slack-files.com/${t.id}-${id}-${ctx.tenant.random.hex(10)}`,
    ...extra,
  } as FileDoc);
}

/** Who may see a file: its owner, or anyone who can see a conversation it is shared in. */
function visible(ctx: OpContext, f: FileDoc, who: SlackPrincipal): boolean {
  if (f.user === who.user_id) return true;
  return [...f.channels, ...f.groups, ...f.ims].some((id) => { const c = conversations(ctx.tenant).get(id); return !!c && canSee(c, who); });
}

function fileArg(ctx: OpContext, a: Args, who: SlackPrincipal, key = 'file'): FileDoc {
  const id = str(a, key);
  const f = id ? files(ctx.tenant).get(id) : undefined;
  if (!f || !f.completed || !visible(ctx, f, who)) throw new SlackError('file_not_found');
  return f;
}

/** Shares completed files into a conversation as one message (subtype file_share) and fires file_shared per file. */
export function shareFiles(ctx: OpContext, who: SlackPrincipal, c: Conversation, fs: FileDoc[], comment: { text?: string; blocks?: unknown[]; thread_ts?: string }): void {
  if (c.is_archived) throw new SlackError('is_archived');
  if (!c.members.includes(who.user_id!)) throw new SlackError('not_in_channel');
  const field = c.is_im ? 'ims' : c.is_private || c.is_mpim ? 'groups' : 'channels';
  const msg = postMessage(ctx.twin, ctx.tenant, c.id, {
    ...authorFields(ctx, who), subtype: 'file_share', text: comment.text ?? '', blocks: comment.blocks, thread_ts: comment.thread_ts,
    files: fs.map((f) => f.id), extra: { upload: true, display_as_bot: false },
  });
  for (const f of fs) {
    const shares = f.shares ?? {};
    const kind = c.is_private || c.is_im || c.is_mpim ? 'private' : 'public';
    shares[kind] = { ...(shares[kind] ?? {}), [c.id]: [{ ts: msg.ts, ...(c.name ? { channel_name: c.name } : {}), team_id: team(ctx.tenant).id }] };
    files(ctx.tenant).patch(f.id, { [field]: [...new Set([...(f[field] as string[]), c.id])], shares });
    emitEvent(ctx.twin, ctx.tenant, { type: 'file_shared', channel_id: c.id, file_id: f.id, user_id: who.user_id, file: { id: f.id } }, { channel: c.id, user: who.user_id });
  }
}

function targetChannels(ctx: OpContext, a: Args, who: SlackPrincipal): Conversation[] {
  const ids = [...(list(a, 'channel_id') ?? []), ...(list(a, 'channels') ?? [])];
  return [...new Set(ids)].map((id) => {
    const c = conversations(ctx.tenant).get(id);
    if (!c || !canSee(c, who)) throw new SlackError('channel_not_found');
    return c;
  });
}

export const fileHandlers = {
  // https://docs.slack.dev/reference/methods/files.getUploadURLExternal — step 1 of files.uploadV2.
  'files.getUploadURLExternal': method((ctx, a, who) => {
    const filename = need(a, 'filename', 'invalid_arguments');
    const length = int(a, 'length');
    if (length === undefined) throw invalidArguments('missing required field: length');
    if (length < 0) throw invalidArguments('length must be a non-negative integer');
    if (length > 1024 * 1024 * 1024) throw new SlackError('file_upload_size_restricted');
    const alt = str(a, 'alt_txt');
    if (alt && alt.length > 1000) throw new SlackError('alt_txt_too_large');
    const snippet = str(a, 'snippet_type');
    const f = newFile(ctx, who, filename, length, { ...(alt ? { alt_txt: alt } : {}), ...(snippet ? fileTypeOf(filename, snippet) : {}) });
    return { upload_url: `${ctx.baseUrl}/upload/v1/${f.id}`, file_id: f.id };
  }),

  // https://docs.slack.dev/reference/methods/files.completeUploadExternal — step 3: finalize, then share.
  'files.completeUploadExternal': method((ctx, a, who) => {
    const list_ = json<Array<{ id?: string; title?: string }>>(a, 'files');
    if (!Array.isArray(list_) || !list_.length) throw invalidArguments('missing required field: files');
    const done = list_.map((entry) => {
      const f = entry?.id ? files(ctx.tenant).get(entry.id) : undefined;
      if (!f || f.user !== who.user_id || f.content_b64 === undefined) throw new SlackError('file_not_found');
      return files(ctx.tenant).patch(f.id, { completed: true, title: entry.title || f.name })!;
    });
    for (const f of done) emitEvent(ctx.twin, ctx.tenant, { type: 'file_created', file_id: f.id, user_id: who.user_id, file: { id: f.id } }, { user: who.user_id });
    const channels = targetChannels(ctx, a, who);
    const blocks = json<unknown[]>(a, 'blocks', 'invalid_blocks');
    for (const c of channels) shareFiles(ctx, who, c, done, { text: str(a, 'initial_comment'), blocks, thread_ts: str(a, 'thread_ts') || undefined });
    return { files: done.map((f) => fileView(files(ctx.tenant).get(f.id)!)) };
  }),

  // Legacy single-call upload (multipart `file` or text `content`); still routed for older clients.
  'files.upload': method((ctx, a, who) => {
    const part = filePart(a, 'file');
    const content = str(a, 'content');
    if (!part && content === undefined) throw new SlackError('no_file_data');
    const bytes = part ? part.data : new TextEncoder().encode(content);
    const name = str(a, 'filename') ?? part?.filename ?? 'file.txt';
    const f = newFile(ctx, who, name, bytes.byteLength, { content_b64: Buffer.from(bytes).toString('base64'), completed: true, title: str(a, 'title') ?? name });
    for (const c of targetChannels(ctx, a, who)) shareFiles(ctx, who, c, [f], { text: str(a, 'initial_comment'), thread_ts: str(a, 'thread_ts') || undefined });
    return { file: fileView(files(ctx.tenant).get(f.id)!) };
  }),

  'files.info': method((ctx, a, who) => {
    const f = fileArg(ctx, a, who);
    return { file: fileView(f), comments: [], response_metadata: { next_cursor: '' } };
  }),

  // https://docs.slack.dev/reference/methods/files.list — newest first, page-numbered.
  'files.list': method((ctx, a, who) => {
    const user = str(a, 'user');
    if (user && !getUser(ctx.tenant, user)) throw new SlackError('user_not_found');
    const channel = str(a, 'channel');
    const from = int(a, 'ts_from');
    const to = int(a, 'ts_to');
    const types = list(a, 'types');
    const all = files(ctx.tenant)
      .filter((f) => f.completed && visible(ctx, f, who) && !f.external)
      .filter((f) => (!user || f.user === user) && (!channel || [...f.channels, ...f.groups, ...f.ims].includes(channel)))
      .filter((f) => (from === undefined || f.created >= from) && (to === undefined || f.created <= to))
      .filter((f) => !types || types.includes('all') || types.some((t) => (t === 'images' ? f.mimetype.startsWith('image/') : t === 'snippets' ? f.mimetype.startsWith('text/') : f.filetype === t)))
      .reverse()
      .sort((x, y) => y.created - x.created);
    const { page, paging } = pageNumbers(all, a, 100);
    return { files: page.map(fileView), paging };
  }),

  // https://docs.slack.dev/reference/methods/files.delete — owners, or admins with user tokens.
  'files.delete': method((ctx, a, who) => {
    const f = fileArg(ctx, a, who);
    const admin = who.kind === 'user' && !!getUser(ctx.tenant, who.user_id!)?.is_admin;
    if (f.user !== who.user_id && !admin) throw new SlackError('cant_delete_file');
    const where = [...f.channels, ...f.groups, ...f.ims];
    for (const c of where) for (const m of messages(ctx.tenant, c).filter((x) => !!x.files?.includes(f.id))) {
      messages(ctx.tenant, c).patch(m.ts, { files: m.files!.filter((id) => id !== f.id) });
    }
    files(ctx.tenant).delete(f.id);
    emitEvent(ctx.twin, ctx.tenant, { type: 'file_deleted', file_id: f.id, channel_ids: where }, { user: who.user_id });
    return {};
  }),

  'files.sharedPublicURL': method((ctx, a, who) => {
    const f = fileArg(ctx, a, who);
    if (f.user !== who.user_id) throw new SlackError('not_allowed');
    return { file: fileView(files(ctx.tenant).patch(f.id, { public_url_shared: true })!) };
  }),

  'files.revokePublicURL': method((ctx, a, who) => {
    const f = fileArg(ctx, a, who);
    return { file: fileView(files(ctx.tenant).patch(f.id, { public_url_shared: false })!) };
  }),

  // File comments were retired in 2018; no comment exists to delete.
  'files.comments.delete': method((ctx, a, who) => {
    fileArg(ctx, a, who);
    need(a, 'id', 'cant_delete');
    throw new SlackError('cant_delete');
  }),

  // Remote files: references to documents hosted elsewhere (https://docs.slack.dev/messaging/working-with-files#remote).
  'files.remote.add': method((ctx, a, who) => {
    const externalId = str(a, 'external_id');
    const url = str(a, 'external_url');
    const title = str(a, 'title');
    if (!externalId || !url || !title) throw invalidArguments('external_id, external_url and title are required');
    if (files(ctx.tenant).find((f) => f.external?.external_id === externalId && f.app_id === who.app_id)) throw new SlackError('invalid_external_id');
    const f = newFile(ctx, who, title, 0, { title, completed: true, external: { external_id: externalId, external_url: url }, app_id: who.app_id, ...(str(a, 'filetype') ? { filetype: str(a, 'filetype')! } : {}) } as Partial<FileDoc>);
    return { file: fileView(f) };
  }),
  'files.remote.info': method((ctx, a, who) => ({ file: fileView(remoteArg(ctx, a, who)) })),
  'files.remote.list': method((ctx, a, who) => {
    const channel = str(a, 'channel');
    const all = files(ctx.tenant).filter((f) => !!f.external && f.app_id === who.app_id && (!channel || [...f.channels, ...f.groups, ...f.ims].includes(channel)));
    const { page, next } = paginate(all, a, { kind: 'cmVtb3Rl', defaultLimit: 100 });
    return { files: page.map(fileView), response_metadata: { next_cursor: next } };
  }),
  'files.remote.update': method((ctx, a, who) => {
    const f = remoteArg(ctx, a, who);
    const fields: Partial<FileDoc> = {};
    if (str(a, 'title')) fields.title = str(a, 'title')!;
    if (str(a, 'external_url')) fields.external = { ...f.external!, external_url: str(a, 'external_url')! };
    return { file: fileView(files(ctx.tenant).patch(f.id, fields)!) };
  }),
  'files.remote.remove': method((ctx, a, who) => {
    files(ctx.tenant).delete(remoteArg(ctx, a, who).id);
    return {};
  }),
  'files.remote.share': method((ctx, a, who) => {
    const f = remoteArg(ctx, a, who);
    const channels = targetChannels(ctx, a, who);
    if (!channels.length) throw new SlackError('channel_not_found');
    for (const c of channels) shareFiles(ctx, who, c, [f], {});
    return { file: fileView(files(ctx.tenant).get(f.id)!) };
  }),
} satisfies Handlers;

function remoteArg(ctx: OpContext, a: Args, who: SlackPrincipal): FileDoc {
  const id = str(a, 'file');
  const ext = str(a, 'external_id');
  if (!id && !ext) throw new SlackError('invalid_args');
  const f = id ? files(ctx.tenant).get(id) : files(ctx.tenant).find((x) => x.external?.external_id === ext && x.app_id === who.app_id);
  if (!f || !f.external) throw new SlackError('file_not_found');
  return f;
}

