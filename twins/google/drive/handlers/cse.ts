/** Drive v3 files.generateCseToken, and the token issuer's public keys at Google's JWKS path. */
import type { Hono } from 'hono';
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import type { DtuEnv } from '../../../../src/core/pipeline.js';
import { E } from '../../errors.js';
import { FOLDER } from '../../store.js';
import { pick, str } from '../../request.js';
import { CSE_JWKS_PATH, cseIssuerKey, cseToken, kaclsOf } from '../model/cse.js';
import { driveCaller } from './caller.js';
import { loadFile } from './files.js';

/**
 * A token to write an existing file (`fileId`, writer access needed) or a new one under `parent` (writer on the
 * folder): the new file's id is reserved like a generated id, so files.create can use it.
 */
async function generateCseToken(ctx: OpContext): Promise<Reply> {
  const t = ctx.tenant;
  // The method takes no supportsAllDrives: shared drive items are reachable.
  const dc = { ...driveCaller(ctx), allDrives: true };
  if (!dc.email) throw E.loginRequired('drive');
  const fileId = str(ctx.query.fileId);
  const parent = str(ctx.query.parent);
  if (!fileId && !parent) throw E.required('drive', 'fileId', 'Either fileId or parent is required.');
  let id: string;
  if (fileId) {
    id = loadFile(t, dc, fileId, 'writer').file.id;
  } else {
    const { file: folder } = loadFile(t, dc, parent!, 'writer');
    if (folder.mimeType !== FOLDER) throw E.badRequest('drive', 'The specified parent is not a folder.', 'parent');
    id = `1${t.random.chars(32, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')}`;
    t.setMeta('drive.generatedIds', [...t.meta<string[]>('drive.generatedIds', () => []), id]);
  }
  const kacls = kaclsOf(t);
  const body = { kind: 'drive#generateCseTokenResponse', fileId: id, jwt: await cseToken(t, dc.email, id), currentKaclsId: kacls.id, currentKaclsName: kacls.name };
  return { body: pick(ctx, 'drive', body, '*', 'drive.GenerateCseTokenResponse') };
}

export const driveCseHandlers = {
  'drive.files.generateCseToken': generateCseToken,
} satisfies Handlers;

/** A key service checks tokens against the issuer's JWKS; the twin publishes its key there. */
export function cseIssuerRoutes(app: Hono<DtuEnv>): void {
  app.get(CSE_JWKS_PATH, (c) => c.json({ keys: [cseIssuerKey().publicJwk] }));
}
