/** Drive v3 push: changes.watch and files.watch open a channel (notified with X-Goog-* headers); channels.stop closes it. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E, googleError } from '../../errors.js';
import { jsonObject } from '../../request.js';
import { closeChannel, openChannel } from '../../realtime/channels.js';
import { driveCaller } from './caller.js';
import { loadFile } from './files.js';

function channel(ctx: OpContext, key: string, uri: string): Reply {
  const dc = driveCaller(ctx);
  if (!dc.email) throw E.loginRequired('drive');
  const body = jsonObject(ctx, 'drive');
  if (typeof body.id !== 'string' || !body.id) throw E.required('drive', 'id', 'Required');
  if (body.type !== 'web_hook' && body.type !== 'webhook') throw googleError('drive', { code: 400, message: `Invalid value for type: ${String(body.type)}`, reason: 'invalid', location: 'type' });
  if (typeof body.address !== 'string' || !/^https?:\/\//.test(body.address)) throw googleError('drive', { code: 400, message: 'Invalid value for address.', reason: 'invalid', location: 'address' });
  const c = openChannel(ctx.tenant, key, uri, body, dc.email);
  return { body: { kind: 'api#channel', id: c.id, resourceId: c.resourceId, resourceUri: c.resourceUri, ...(c.token ? { token: c.token } : {}), expiration: String(c.expiration) } };
}

export const driveWatchHandlers = {
  'drive.changes.watch': (ctx) => {
    if (typeof ctx.query.pageToken !== 'string' || !ctx.query.pageToken) throw E.required('drive', 'pageToken');
    return channel(ctx, 'drive:changes', `https://www.googleapis.com/drive/v3/changes?alt=json&pageToken=${encodeURIComponent(ctx.query.pageToken)}`);
  },
  'drive.files.watch': (ctx) => {
    const { file } = loadFile(ctx.tenant, driveCaller(ctx), ctx.params.fileId, 'reader');
    return channel(ctx, `drive:file:${file.id}`, `https://www.googleapis.com/drive/v3/files/${file.id}?alt=json`);
  },
  'drive.channels.stop': (ctx) => {
    const body = jsonObject(ctx, 'drive');
    if (!closeChannel(ctx.tenant, String(body.id ?? ''), String(body.resourceId ?? ''))) throw googleError('drive', { code: 404, message: `Channel '${String(body.id ?? '')}' not found for project '${ctx.tenant.name}'`, reason: 'notFound' });
    return { status: 204 };
  },
} satisfies Handlers;
