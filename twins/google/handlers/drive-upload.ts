/** Resumable uploads: the session URI handed out by files.create/update and the PUTs that carry the bytes. */
/*
 * Resumable uploads to Drive's upload URI: files.create/update with
 * `uploadType=resumable` open a session and hand back its URI in `Location`;
 * PUTs to that URI carry the bytes (whole or in `Content-Range` chunks, 308
 * until the last), and the last one completes the create or update
 * (https://developers.google.com/workspace/drive/api/guides/manage-uploads#resumable).
 * The session PUT is not a spec operation, so it is a plain route.
 */
import type { Context, Hono } from 'hono';
import type { DtuEnv } from '../../../src/core/pipeline.js';
import { replyToResponse } from '../../../src/core/pipeline.js';
import { readRaw } from '../../../src/core/body.js';
import { EngineError, VendorError } from '../../../src/core/errors.js';
import type { OpContext, Reply } from '../../../src/core/handler.js';
import type { Twin } from '../../../src/core/twin.js';
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { E, googleError } from '../errors.js';
import { K, b64, ids, unb64 } from '../store.js';
import type { GooglePrincipal } from '../auth.js';
import type { Upload } from './drive-upload-parse.js';
import { createFromUpload, loadFile, updateFromUpload } from './drive-files.js';
import { driveCaller } from './common.js';

const JSON_TYPE = 'application/json; charset=UTF-8';
const UPLOAD_LIMIT = 256 * 1024 * 1024;

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

type C = Context<DtuEnv>;

const render = (e: VendorError) => replyToResponse({ status: e.status, body: e.body, headers: e.headers }, JSON_TYPE);

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

/** A PUT of (some of) the bytes. Returns 308 until the last byte, then the file. */
async function put(c: C, twin: Twin): Promise<Response> {
  const url = new URL(c.req.url);
  const uploadId = url.searchParams.get('upload_id') ?? '';
  const tenantName = c.env.tenantName ?? twin.registry.tenantForCredential(uploadId) ?? 'default';
  const t = twin.tenant(tenantName);
  const session = sessions(t).get(uploadId);
  if (!session) return render(googleError('drive', { code: 404, message: 'Not Found', reason: 'notFound' }));
  let bytes: Uint8Array;
  try {
    bytes = await readRaw(c.req.raw, UPLOAD_LIMIT);
  } catch (e) {
    if (e instanceof EngineError) return render(E.payloadTooLarge('drive', UPLOAD_LIMIT));
    throw e;
  }
  const have = unb64(session.received);
  const range = c.req.header('content-range');
  let total = session.total;
  if (range) {
    const m = /^bytes (?:(\d+)-(\d+)|\*)\/(\d+|\*)$/.exec(range.trim());
    if (!m) return render(E.badRequest('drive', 'Invalid Content-Range header.'));
    if (m[3] !== '*') total = Number(m[3]);
    if (m[1] !== undefined && Number(m[1]) !== have.byteLength) {
      return new Response(null, { status: 308, headers: rangeHeaders(have.byteLength, uploadId) });
    }
  } else {
    total = have.byteLength + bytes.byteLength;
  }
  const all = new Uint8Array(have.byteLength + bytes.byteLength);
  all.set(have);
  all.set(bytes, have.byteLength);
  if (total === undefined || all.byteLength < total) {
    session.received = b64(all);
    session.total = total;
    sessions(t).put(session);
    return new Response(null, { status: 308, headers: rangeHeaders(all.byteLength, uploadId) });
  }
  sessions(t).delete(uploadId);
  const opId = session.op === 'create' ? 'drive.files.create.media' : 'drive.files.update.media';
  const op = twin.def.digest.operations.find((o) => o.id === opId)!;
  const search = new URLSearchParams(session.search);
  const ctx: OpContext = {
    op,
    twin,
    tenant: t,
    principal: session.principal,
    params: session.fileId ? { fileId: session.fileId } : {},
    query: Object.fromEntries(search) as Record<string, unknown>,
    body: undefined,
    rawBody: all,
    headers: c.req.raw.headers,
    req: c.req.raw,
    baseUrl: `${c.env.origin}${c.env.prefix}`,
    now: () => twin.clock.now(),
  };
  const up: Upload = { metadata: session.metadata, media: { bytes: all.slice(0, total), mimeType: session.contentType ?? (c.req.header('content-type') ?? 'application/octet-stream').split(';')[0] } };
  let res: Response;
  try {
    const reply = session.op === 'create' ? createFromUpload(ctx, up) : updateFromUpload(ctx, up);
    res = replyToResponse(reply, JSON_TYPE);
  } catch (e) {
    if (e instanceof VendorError) res = render(e);
    else throw e;
  }
  twin.journal.add({
    time: twin.clock.now().toISOString(),
    twin: twin.name,
    tenant: t.name,
    operationId: opId,
    method: 'PUT',
    path: url.pathname,
    query: url.search,
    status: res.status,
    durationMs: 0,
    request: { headers: {}, body: `<${all.byteLength} bytes>` },
    response: { headers: Object.fromEntries(res.headers) },
    notes: ['resumable upload completed'],
  });
  return res;
}

function rangeHeaders(received: number, uploadId: string): Record<string, string> {
  return { ...(received > 0 ? { range: `bytes=0-${received - 1}` } : {}), 'x-guploader-uploadid': uploadId };
}

export function uploadRoutes(app: Hono<DtuEnv>, twin: Twin): void {
  app.put('/upload/drive/v3/files', (c) => put(c, twin));
  app.put('/upload/drive/v3/files/:fileId', (c) => put(c, twin));
}
