/** Admin Directory v1 user photos: upload (update/patch), read and remove a user's thumbnail. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { googleError } from '../../errors.js';
import type { DirUser } from '../../store.js';
import { requireAdmin, userByKey } from '../model/directory.js';
import { photoOf, photos, setPhoto, type PhotoRec } from '../model/photos.js';
import { jsonObject } from '../../request.js';
import { E } from '../../errors.js';

function owner(ctx: OpContext): DirUser {
  requireAdmin(ctx);
  const u = userByKey(ctx.tenant, ctx.params.userKey);
  if (!u) throw E.resourceNotFound('userKey');
  return u;
}

function present(u: DirUser, p: PhotoRec): Record<string, unknown> {
  return { kind: 'admin#directory#user#photo', id: u.id, etag: p.etag, primaryEmail: u.primaryEmail, mimeType: p.mimeType, height: p.height, width: p.width, photoData: p.photoData };
}

function upload(ctx: OpContext): Reply {
  const u = owner(ctx);
  return { body: present(u, setPhoto(ctx.tenant, u.id, jsonObject(ctx, 'admin'), photoOf(ctx.tenant, u.id))) };
}

/** A user without a photo has none to read: 404 as for any missing resource. */
const missing = () => googleError('admin', { code: 404, message: 'Resource Not Found: photo', reason: 'notFound' });

export const adminPhotoHandlers = {
  'directory.users.photos.update': upload,
  'directory.users.photos.patch': upload,
  'directory.users.photos.get': (ctx) => {
    const u = owner(ctx);
    const p = photoOf(ctx.tenant, u.id);
    if (!p) throw missing();
    return { body: present(u, p) };
  },
  'directory.users.photos.delete': (ctx) => {
    const u = owner(ctx);
    if (!photos(ctx.tenant).delete(u.id)) throw missing();
    return { status: 204 };
  },
} satisfies Handlers;
