// Avatars: the fixed system catalogue per owner type, custom avatars uploaded for a project or issue type, and their images.
import { crc32, deflateSync } from 'node:zlib';
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { nextId } from '../../store.js';

export interface AvatarDoc extends Doc {
  type: string;
  /** The project or issue type id the avatar was uploaded for. */
  owner: string;
  mimeType: string;
  /** The uploaded image, base64. */
  data: string;
}

export const customAvatars = (t: Tenant) => t.collection<AvatarDoc>('jira:avatars');

/**
 * Jira Cloud's system avatar ids per type (project 10400s, issue type 10300s,
 * users 10070s, priorities 10600s); the twin's projects and issue types already point into these ranges.
 * Types outside the catalogue have no system avatars (GET /avatar/{type}/system answers an empty list).
 */
const SYSTEM: Record<string, [number, number]> = { project: [10400, 10425], issuetype: [10300, 10322], user: [10071, 10080], priority: [10600, 10606] };

export const systemAvatarIds = (type: string): number[] => {
  const range = SYSTEM[type];
  return range ? Array.from({ length: range[1] - range[0] + 1 }, (_, i) => range[0] + i) : [];
};

export const isSystemAvatar = (type: string, id: number) => systemAvatarIds(type).includes(id);

/** The default avatar of a type: what a new project or issue type gets. */
export const defaultAvatarId = (type: string) => ({ project: 10424, issuetype: 10318, user: 10071, priority: 10600 })[type];

export function storeCustomAvatar(t: Tenant, type: string, owner: string, mimeType: string, bytes: Uint8Array): AvatarDoc {
  return customAvatars(t).put({ id: nextId(t, 'avatar', 10700), type, owner, mimeType, data: Buffer.from(bytes).toString('base64') });
}

/** The image format of uploaded bytes, by signature; undefined when Jira could not read it as an image. */
export function imageType(bytes: Uint8Array): string | undefined {
  const b = Buffer.from(bytes);
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  return undefined;
}

function chunk(kind: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(kind, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A solid-colour PNG for a system avatar, its colour derived from the id so different avatars differ. */
export function systemAvatarPng(id: number, side = 48): Uint8Array {
  const [r, g, b] = [(id * 37) % 256, (id * 91) % 256, (id * 53) % 256];
  const rows = Buffer.alloc(side * (1 + side * 3));
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) rows.set([r, g, b], y * (1 + side * 3) + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]));
}
