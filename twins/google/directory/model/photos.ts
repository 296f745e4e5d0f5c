/** User photos: the thumbnail an admin uploads (web-safe base64 image bytes), checked to be an image Google accepts. */
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { E } from '../../errors.js';
import { K, etag } from '../../store.js';

export interface PhotoRec extends Doc {
  /** Web-safe base64, as the API carries it. */
  photoData: string;
  mimeType: string;
  width: number;
  height: number;
  url: string;
  etag: string;
}

export const photos = (t: Tenant) => t.collection<PhotoRec>(K.userPhotos);
export const photoOf = (t: Tenant, userId: string) => photos(t).get(userId);

/** JPEG, PNG, GIF, BMP and TIFF are what the photos resource accepts; the bytes say which one it is. */
function sniff(b: Buffer): string | undefined {
  if (b[0] === 0xff && b[1] === 0xd8) return 'JPEG';
  if (b.subarray(0, 4).toString('hex') === '89504e47') return 'PNG';
  if (b.subarray(0, 3).toString() === 'GIF') return 'GIF';
  if (b.subarray(0, 2).toString() === 'BM') return 'BMP';
  if (['49492a00', '4d4d002a'].includes(b.subarray(0, 4).toString('hex'))) return 'TIFF';
  return undefined;
}

const int = (v: unknown, dflt: number) => (Number.isInteger(Number(v)) && Number(v) > 0 ? Number(v) : dflt);

export function setPhoto(t: Tenant, userId: string, body: Record<string, unknown>, prev?: PhotoRec): PhotoRec {
  const data = typeof body.photoData === 'string' ? body.photoData : prev?.photoData;
  if (!data) throw E.invalidInput('photoData');
  // Web-safe base64 ('-' and '_'); standard base64 is read the same way.
  const bytes = Buffer.from(data.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  const kind = sniff(bytes);
  if (!kind) throw E.invalidInput('photoData');
  const webSafe = bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  const tag = etag({ userId, webSafe });
  return photos(t).put({
    id: userId,
    photoData: webSafe,
    mimeType: kind,
    width: int(body.width, prev?.width ?? 96),
    height: int(body.height, prev?.height ?? 96),
    url: `https://lh3.googleusercontent.com/a-/${tag.slice(1, 17)}=s96-c`,
    etag: tag,
  });
}
