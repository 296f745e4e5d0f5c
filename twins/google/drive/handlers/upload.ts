/** Resumable uploads: the session URI handed out by files.create/update and the PUTs that carry the bytes. */
/*
 * files.create/update with `uploadType=resumable` open a session and hand back
 * its URI in `Location`; PUTs to that URI (the `*.resumable` operations) carry
 * the bytes, whole or in `Content-Range` chunks answered 308 until the last,
 * and the last one completes the create or update
 * (https://developers.google.com/workspace/drive/api/guides/manage-uploads#resumable).
 * The session URI is itself the credential: its PUTs act as whoever opened it.
 */
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import type { Handlers } from '../../generated/operations.js';
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { E, googleError } from '../../errors.js';
import { K, b64, ids, unb64 } from '../../store.js';
import type { GooglePrincipal } from '../../auth.js';
import type { Upload } from './upload-parse.js';
import { createFromUpload, loadFile, updateFromUpload } from './files.js';
import { driveCaller } from './caller.js';

interface Session extends Doc {
  op: 'create' | 'update';
  fileId?: string;
  metadata: Record<string, unknown>;
  contentType?: string;
  total?: number;
  received: string;
  principal: GooglePrincipal;
  /** The initiating request's query (fields, addParents, …), applied when the upload completes. */
  search: string;
}

const sessions = (t: Tenant) => t.collection<Session>(K.uploads);

/** The caller a session PUT acts as: the one who opened the session (undefined for an unknown session). */
export function sessionPrincipal(t: Tenant, req: Request): GooglePrincipal | undefined {
  return sessions(t).get(new URL(req.url).searchParams.get('upload_id') ?? '')?.principal;
}

/** Opens a resumable session (called by files.create/update when the upload is resumable). */
export function startResumable(ctx: OpContext, up: Upload, op: 'create' | 'update'): Reply {
  const t = ctx.tenant;
  if (op === 'update') loadFile(t, driveCaller(ctx), ctx.params.fileId, 'writer');
  else if (!driveCaller(ctx).email) throw E.loginRequired('drive');
  const id = ids.uploadId(t);
  const search = new URL(ctx.req.url).searchParams;
  search.delete('upload_id');
  sessions(t).put({
    id,
    op,
    fileId: op === 'update' ? ctx.params.fileId : undefined,
    metadata: up.metadata,
    contentType: up.resumable?.contentType,
    total: up.resumable?.contentLength,
    received: '',
    principal: ctx.principal as GooglePrincipal,
    search: search.toString(),
  });
  ctx.twin.registry.registerCredential(id, t.name);
  search.set('upload_id', id);
  const location = `${ctx.baseUrl}/upload/drive/v3/files${op === 'update' ? `/${encodeURIComponent(ctx.params.fileId)}` : ''}?${search}`;
  return { status: 200, headers: { location, 'x-guploader-uploadid': id } };
}

function rangeHeaders(received: number, uploadId: string): Record<string, string> {
  return { ...(received > 0 ? { range: `bytes=0-${received - 1}` } : {}), 'x-guploader-uploadid': uploadId };
}

/** A PUT of (some of) the bytes. 308 until the last byte, then the file. */
function put(ctx: OpContext, op: 'create' | 'update'): Reply {
  const t = ctx.tenant;
  const uploadId = String(ctx.query.upload_id ?? '');
  const session = sessions(t).get(uploadId);
  if (!session || session.op !== op || (op === 'update' && session.fileId !== ctx.params.fileId)) {
    throw googleError('drive', { code: 404, message: 'Not Found', reason: 'notFound' });
  }
  const have = unb64(session.received);
  const bytes = ctx.rawBody;
  const range = ctx.headers.get('content-range');
  let total = session.total;
  if (range) {
    const m = /^bytes (?:(\d+)-(\d+)|\*)\/(\d+|\*)$/.exec(range.trim());
    if (!m) throw E.badRequest('drive', 'Invalid Content-Range header.');
    if (m[3] !== '*') total = Number(m[3]);
    // A chunk that does not start where the last one ended is answered with what the server has.
    if (m[1] !== undefined && Number(m[1]) !== have.byteLength) return { status: 308, headers: rangeHeaders(have.byteLength, uploadId) };
  } else {
    total = have.byteLength + bytes.byteLength;
  }
  const all = new Uint8Array(have.byteLength + bytes.byteLength);
  all.set(have);
  all.set(bytes, have.byteLength);
  if (total === undefined || all.byteLength < total) {
    sessions(t).put({ ...session, received: b64(all), total });
    return { status: 308, headers: rangeHeaders(all.byteLength, uploadId) };
  }
  sessions(t).delete(uploadId);
  const done: OpContext = {
    ...ctx,
    principal: session.principal,
    query: Object.fromEntries(new URLSearchParams(session.search)) as Record<string, unknown>,
    rawBody: all,
  };
  const mimeType = session.contentType ?? (ctx.headers.get('content-type') ?? 'application/octet-stream').split(';')[0];
  const up: Upload = { metadata: session.metadata, media: { bytes: all.slice(0, total), mimeType } };
  return op === 'create' ? createFromUpload(done, up) : updateFromUpload(done, up);
}

export const driveResumableHandlers = {
  'drive.files.create.resumable': (ctx) => put(ctx, 'create'),
  'drive.files.update.resumable': (ctx) => put(ctx, 'update'),
} satisfies Handlers;
