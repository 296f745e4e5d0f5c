/**
 * Drive v3 files.download and operations.get. A download is a long-running operation whose response names a
 * downloadUri; here it completes at once and the URI points back at this twin's own media or export endpoint
 * (fetched with the same credentials, as Drive's download URIs are), so the bytes are the file's real content.
 */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import type { Doc } from '../../../../src/core/tenant.js';
import { E, googleError } from '../../errors.js';
import { FOLDER, isGoogleApps, revisions } from '../../store.js';
import { EXPORTS } from '../model/export.js';
import { pick, str } from '../../request.js';
import { driveCaller } from './caller.js';
import { loadFile } from './files.js';

interface DownloadOperation extends Doc {
  owner: string;
  fileId: string;
  downloadUri: string;
  partial: boolean;
}

const operations = (ctx: OpContext) => ctx.tenant.collection<DownloadOperation>('drive/operations');

/** The twin's own base URL as the caller reached it (any tenant path prefix kept). */
const baseOf = (ctx: OpContext) => ctx.req.url.slice(0, ctx.req.url.indexOf('/drive/v3/'));

function present(op: DownloadOperation): Record<string, unknown> {
  return {
    name: op.id,
    done: true,
    metadata: { '@type': 'type.googleapis.com/google.apps.drive.v3.DownloadFileMetadata' },
    response: { '@type': 'type.googleapis.com/google.apps.drive.v3.DownloadFileResponse', downloadUri: op.downloadUri, partialDownloadAllowed: op.partial },
  };
}

function download(ctx: OpContext): Reply {
  const t = ctx.tenant;
  const dc = driveCaller(ctx);
  if (!dc.email) throw E.loginRequired('drive');
  const { file } = loadFile(t, dc, ctx.params.fileId);
  const mimeType = str(ctx.query.mimeType);
  const revisionId = str(ctx.query.revisionId);
  const base = `${baseOf(ctx)}/drive/v3/files/${encodeURIComponent(file.id)}`;
  const all = dc.allDrives ? '&supportsAllDrives=true' : '';
  let uri: string;
  let partial = false;
  if (file.mimeType === FOLDER) throw E.fileNotDownloadable();
  if (isGoogleApps(file.mimeType)) {
    // Docs Editors files download as an export: mimeType is required and must be one Drive offers for the type.
    if (!mimeType) throw E.required('drive', 'mimeType', 'A mimeType is required to download a Google Workspace document.');
    if (!EXPORTS[file.mimeType]?.[mimeType]) throw E.badRequest('drive', 'The requested conversion is not supported.', 'mimeType');
    if (revisionId && !revisions(t, file.id).get(revisionId)?.snapshot) throw E.revisionNotFound(revisionId);
    uri = `${base}/export?mimeType=${encodeURIComponent(mimeType)}${revisionId ? `&revisionId=${encodeURIComponent(revisionId)}` : ''}${all}`;
  } else {
    if (mimeType && mimeType !== file.mimeType) throw E.badRequest('drive', 'The requested conversion is not supported.', 'mimeType');
    if (revisionId && !revisions(t, file.id).get(revisionId)) throw E.revisionNotFound(revisionId);
    uri = revisionId ? `${base}/revisions/${encodeURIComponent(revisionId)}?alt=media${all}` : `${base}?alt=media${all}`;
    partial = true;
  }
  const op: DownloadOperation = { id: `download-${t.random.chars(24, 'abcdefghijklmnopqrstuvwxyz0123456789')}`, owner: dc.email.toLowerCase(), fileId: file.id, downloadUri: uri, partial };
  operations(ctx).put(op);
  return { body: pick(ctx, 'drive', present(op), '*', 'drive.Operation') };
}

function getOperation(ctx: OpContext): Reply {
  const dc = driveCaller(ctx);
  const op = operations(ctx).get(ctx.params.name);
  // Only the caller who started an operation can poll it.
  if (!op || op.owner !== dc.email.toLowerCase()) throw googleError('drive', { code: 404, message: `Operation not found: ${ctx.params.name}`, reason: 'notFound', location: 'name', locationType: 'parameter' });
  return { body: pick(ctx, 'drive', present(op), '*', 'drive.Operation') };
}

export const driveDownloadHandlers = {
  'drive.files.download': download,
  'drive.operations.get': getOperation,
} satisfies Handlers;
