/** Drive's file model: creating files and folders, content and revisions, and the change log. */
import type { Tenant } from '../../../../src/core/tenant.js';
import {
  DOCUMENT, FOLDER, K, SPREADSHEET, b64, files, findUserByEmail, groupsOf, ids, isGoogleApps, md5, permissions, revisions,
  type DirUser, type DriveFile, type Permission, type Revision,
} from '../../store.js';
import { accessTo, matches, type Who } from './acl.js';
import { announce } from '../../resource-events.js';
import { contentChanged } from './approvals.js';
import { editorState } from './export.js';
import { isoNow } from '../../iso.js';
import { appendChange, changeLog } from './change-log.js';
import { childrenOf } from './indexes.js';

export interface NewFile {
  name?: string;
  mimeType?: string;
  parents?: string[];
  owner: string;
  description?: string;
  starred?: boolean;
  properties?: Record<string, string>;
  appProperties?: Record<string, string>;
  content?: Uint8Array;
  originalFilename?: string;
  createdByClient?: string;
  id?: string;
  createdTime?: string;
  modifiedTime?: string;
  folderColorRgb?: string;
  writersCanShare?: boolean;
  copyRequiresWriterPermission?: boolean;
  driveId?: string;
}

/** A user's (or service account's) My Drive root, made on first need. */
export function rootFolderOf(t: Tenant, email: string): DriveFile {
  const key = email.toLowerCase();
  const user = findUserByEmail(t, email);
  const roots = t.meta<Record<string, string>>('drive.roots', () => ({}));
  const existing = (user && files(t).get(user.rootFolderId)) || (roots[key] ? files(t).get(roots[key]) : undefined);
  if (existing) return existing;
  const id = user?.rootFolderId ?? ids.rootFolder(t);
  roots[key] = id;
  t.setMeta('drive.roots', roots);
  return createFile(t, { id, name: 'My Drive', mimeType: FOLDER, parents: [], owner: email }, { root: true, log: false });
}

export function createFile(t: Tenant, f: NewFile, opts: { root?: boolean; log?: boolean } = {}): DriveFile {
  const now = isoNow(t);
  const mimeType = f.mimeType || (f.content ? 'application/octet-stream' : 'application/octet-stream');
  const parents = opts.root ? [] : f.parents?.length ? f.parents : [rootFolderOf(t, f.owner).id];
  const file: DriveFile = {
    id: f.id ?? (mimeType === SPREADSHEET || mimeType === DOCUMENT ? ids.editorFile(t) : ids.file(t)),
    name: f.name ?? 'Untitled',
    mimeType,
    parents,
    owner: f.owner,
    createdTime: f.createdTime ?? now,
    modifiedTime: f.modifiedTime ?? f.createdTime ?? now,
    trashed: false,
    explicitlyTrashed: false,
    starred: f.starred ?? false,
    version: 1,
    lastModifyingUser: f.owner,
    writersCanShare: f.writersCanShare ?? true,
    copyRequiresWriterPermission: f.copyRequiresWriterPermission ?? false,
    viewersCanCopyContent: true,
  };
  if (opts.root) file.isRoot = true;
  if (f.description !== undefined) file.description = f.description;
  if (f.properties) file.properties = { ...f.properties };
  if (f.appProperties) file.appProperties = { ...f.appProperties };
  if (f.createdByClient) file.createdByClient = f.createdByClient;
  if (f.folderColorRgb && mimeType === FOLDER) file.folderColorRgb = f.folderColorRgb;
  if (f.driveId) file.driveId = f.driveId;
  files(t).put(file);
  const perms = permissions(t, file.id);
  // Shared drive items have no owner: the drive's members reach them through its root folder.
  if (!f.driveId) perms.put(ownerPermission(t, f.owner));
  // A new file has no review for its first bytes to take back (contentChanged).
  if (!isGoogleApps(mimeType)) writeContent(t, file, f.content ?? new Uint8Array(), f.owner, f.originalFilename ?? file.name);
  if (opts.log !== false) {
    logChange(t, file.id, false, {}, perms);
    for (const p of parents) childrenChanged(t, p);
  }
  return file;
}

export function ownerPermission(t: Tenant, email: string): Permission {
  // The user is looked up once for both (permissionIdFor and displayNameOf would each look).
  const user = findUserByEmail(t, email);
  return { id: user ? user.permissionId : permissionIdFor(t, email), type: 'user', role: 'owner', emailAddress: email, displayName: user ? nameOf(user) : email.split('@')[0] };
}

/** Drive gives each account one permission id, the same on every file. */
export function permissionIdFor(t: Tenant, email: string): string {
  const user = findUserByEmail(t, email);
  if (user) return user.permissionId;
  const map = t.meta<Record<string, string>>('drive.permissionIds', () => ({}));
  const key = email.toLowerCase();
  if (!map[key]) {
    map[key] = ids.permission(t);
    t.setMeta('drive.permissionIds', map);
  }
  return map[key];
}

export function displayNameOf(t: Tenant, email: string): string {
  const u = findUserByEmail(t, email);
  return u ? nameOf(u) : email.split('@')[0];
}

const nameOf = (u: DirUser) => `${u.name.givenName} ${u.name.familyName}`;

/** New bytes: a new head revision, size and checksum. */
export function setContent(t: Tenant, file: DriveFile, bytes: Uint8Array, by: string, originalFilename?: string, mimeType?: string): Revision {
  const rev = writeContent(t, file, bytes, by, originalFilename, mimeType);
  contentChanged(t, file.id, by);
  return rev;
}

function writeContent(t: Tenant, file: DriveFile, bytes: Uint8Array, by: string, originalFilename?: string, mimeType?: string): Revision {
  const rev: Revision = {
    id: ids.revision(t),
    mimeType: mimeType ?? file.mimeType,
    modifiedTime: isoNow(t),
    keepForever: false,
    size: bytes.byteLength,
    md5Checksum: md5(bytes),
    originalFilename: originalFilename ?? file.originalFilename ?? file.name,
    lastModifyingUser: by,
    content: b64(bytes),
  };
  revisions(t, file.id).put(rev);
  file.content = rev.content;
  file.size = rev.size;
  file.md5Checksum = rev.md5Checksum;
  file.headRevisionId = rev.id;
  file.originalFilename = rev.originalFilename;
  return rev;
}

/** A Docs Editors file keeps its revision history as snapshots of the document or spreadsheet after each edit. */
function snapshotRevision(t: Tenant, file: DriveFile, by: string): void {
  const snapshot = editorState(t, file);
  if (snapshot === undefined) return;
  const rev: Revision = { id: ids.revision(t), mimeType: file.mimeType, modifiedTime: isoNow(t), keepForever: false, lastModifyingUser: by, snapshot };
  const coll = revisions(t, file.id);
  coll.put(rev);
  file.headRevisionId = rev.id;
  // Every edit snapshots the whole file; keep the newest ones (and those kept forever) so busy files stay bounded.
  const old = coll.values().filter((r) => r.snapshot !== undefined && !r.keepForever).sort((a, b) => a.modifiedTime.localeCompare(b.modifiedTime));
  for (const r of old.slice(0, Math.max(0, old.length - MAX_EDITOR_REVISIONS))) coll.delete(r.id);
}

const MAX_EDITOR_REVISIONS = 100;

/** Bumps version and modification time, records the change. */
export function touch(t: Tenant, file: DriveFile, by: string, what: FileChange = {}): void {
  if (what.changed?.includes('content') && isGoogleApps(file.mimeType)) snapshotRevision(t, file, by);
  file.version += 1;
  file.modifiedTime = isoNow(t);
  file.lastModifyingUser = by;
  files(t).put(file);
  logChange(t, file.id, false, what);
}

/**
 * The change log behind changes.list. Each entry remembers who could see the
 * file when it changed, so a removal is reported to the people who lost it.
 * `perms`: the file's permissions collection, when the caller already holds it.
 */
export function logChange(t: Tenant, fileId: string, removed: boolean, what: FileChange = {}, perms = permissions(t, fileId)): void {
  const seq = t.meta<{ next: number }>('drive.changeSeq', () => ({ next: 1 }));
  const driveId = files(t).get(fileId)?.driveId;
  // A shared drive's members see every change inside it.
  const audience: string[] = [];
  for (const p of perms.iterate()) audience.push(audienceKey(p));
  if (driveId && driveId !== fileId) for (const p of permissions(t, driveId).iterate()) audience.push(audienceKey(p));
  // The log keeps at most `--log-entries` changes per tenant (one per file already), oldest dropped first, and
  // remembers the first token it can still answer completely: Google lets a page token expire once keeping what
  // it stands for stops being reasonable (https://google.aip.dev/158, "APIs may expire page tokens"), and Drive
  // refuses a token it cannot honour as an invalid `pageToken` (see `changesFloor`).
  const floor = appendChange(changeLog(t), { id: String(seq.next), fileId, time: isoNow(t), removed, audience }, t.retention.logEntries);
  t.setMeta('drive.changeSeq', { next: seq.next + 1 });
  if (floor !== undefined) t.setMeta(CHANGES_FLOOR, { token: floor });
  // Watchers hear of a change they could see before it, or can see now.
  const visible = (email: string) => {
    const who: Who = { email: email.toLowerCase(), groups: groupsOf(t, email), domain: email.split('@')[1]?.toLowerCase(), anonymous: false, appFilesOnly: false };
    const f = files(t).get(fileId);
    return wasInAudience(audience, who) || (!!f && !!accessTo(t, f, who));
  };
  // Drive push: a changes channel hears `change`; a file channel hears what happened to the file (push guide).
  announce(t, 'drive:changes', visible, { state: 'change' });
  announce(t, `drive:file:${fileId}`, visible, removed ? { state: 'remove' } : { state: what.state ?? 'update', changed: what.changed });
}

const CHANGES_FLOOR = 'drive.changesFloor';
/** The oldest page token changes.list still answers: every change at or after it is kept. */
export const changesFloor = (t: Tenant): number => t.meta<{ token: number }>(CHANGES_FLOOR, () => ({ token: 1 })).token;

/** How a file changed, for file channels: X-Goog-Resource-State and X-Goog-Changed (content, parents, children, permissions, properties). */
export interface FileChange {
  state?: 'update' | 'trash' | 'untrash';
  changed?: string[];
}

/** A folder's watchers hear that its children changed (the folder itself is not a new entry in the change log). */
export function childrenChanged(t: Tenant, folderId: string): void {
  const folder = files(t).get(folderId);
  if (!folder) return;
  const who = (email: string): Who => ({ email: email.toLowerCase(), groups: groupsOf(t, email), domain: email.split('@')[1]?.toLowerCase(), anonymous: false, appFilesOnly: false });
  announce(t, `drive:file:${folderId}`, (email) => !!accessTo(t, folder, who(email)), { state: 'update', changed: ['children'] });
}

const audienceKey = (p: Permission) => (p.type === 'domain' ? `domain:${p.domain}` : p.type === 'anyone' ? 'anyone' : `${p.type}:${p.emailAddress?.toLowerCase()}`);

export function wasInAudience(audience: string[], who: Who): boolean {
  return audience.some((a) => {
    const [type, rest] = a.includes(':') ? [a.slice(0, a.indexOf(':')), a.slice(a.indexOf(':') + 1)] : [a, ''];
    return matches({ id: '', role: 'reader', type: type as Permission['type'], emailAddress: rest, domain: rest }, who);
  });
}

export const nextChangeToken = (t: Tenant) => String(t.meta<{ next: number }>('drive.changeSeq', () => ({ next: 1 })).next);

/**
 * Removes a file and its state. Deleting a folder deletes the descendants the
 * same user owns; other people's files inside it lose that parent instead.
 * In a shared drive everything inside goes with the folder (nobody owns it).
 */
export function deleteTree(t: Tenant, file: DriveFile, by: string): void {
  for (const child of childrenOf(t, file.id)) {
    if (child.driveId || (child.owner.toLowerCase() === by.toLowerCase() && child.parents.length === 1)) deleteTree(t, child, by);
    else {
      child.parents = child.parents.filter((p) => p !== file.id);
      files(t).put(child);
    }
  }
  logChange(t, file.id, true);
  files(t).delete(file.id);
  for (const key of t.collectionKeys(`${K.files}/${file.id}/`)) t.collection(key).clear();
  t.collection(K.spreadsheets).delete(file.id);
  t.collection(K.documents).delete(file.id);
}

/** Trashing a folder trashes what is inside it (not explicitly). */
export function setTrashed(t: Tenant, file: DriveFile, trashed: boolean, by: string, explicit = true): void {
  file.trashed = trashed;
  file.explicitlyTrashed = trashed && explicit;
  touch(t, file, by, { state: trashed ? 'trash' : 'untrash' });
  for (const child of childrenOf(t, file.id)) {
    if (trashed && !child.trashed) setTrashed(t, child, true, by, false);
    else if (!trashed && child.trashed && !child.explicitlyTrashed) setTrashed(t, child, false, by, false);
  }
}

export { EXPORTS } from './export.js';
