/** Drive v3 files: get (metadata or media), create, update (metadata, moves, media), copy, delete, trash, export. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import type { Tenant } from '../../../../src/core/tenant.js';
import { ReplyCache } from '../../../../src/core/reply-cache.js';
import { E, googleError } from '../../errors.js';
import {
  DOCUMENT, FOLDER, SPREADSHEET, files, isGoogleApps, revisions, unb64, type DriveFile, type Role,
} from '../../store.js';
import { accessTo, atLeast, deleteRole, trashRole, type Access } from '../model/acl.js';
import { childrenChanged, createFile, deleteTree, rootFolderOf, setContent, setTrashed, touch } from '../model/files.js';
import { crossDriveRefusal, moveAcrossDrives } from '../model/moves.js';
import { EXPORTS, exportText } from '../model/export.js';
import { documents, newDocument } from '../../docs/model/documents.js';
import { newSpreadsheet, parseCsv, parseInput, spreadsheets } from '../../sheets/model/spreadsheets.js';
import { intParam, jsonObject, pick, pickBuilt, str } from '../../request.js';
import { uploadOf, type Upload } from './upload-parse.js';
import { startResumable } from './upload.js';
import { presentFile } from '../present/files.js';
import { type DriveCaller, callerKey, driveCaller } from './caller.js';

const FILE_DEFAULT = 'kind,id,name,mimeType';

/** Fields a caller may set; the rest of the File resource is Drive's to fill in. */
const WRITABLE_ON_CREATE = new Set(['kind', 'id', 'name', 'mimeType', 'parents', 'description', 'starred', 'properties', 'appProperties', 'createdTime', 'modifiedTime', 'originalFilename', 'folderColorRgb', 'writersCanShare', 'copyRequiresWriterPermission', 'viewersCanCopyContent', 'contentHints', 'contentRestrictions', 'shortcutDetails', 'viewedByMeTime']);
const WRITABLE_ON_UPDATE = new Set(['kind', 'name', 'mimeType', 'description', 'starred', 'trashed', 'properties', 'appProperties', 'modifiedTime', 'originalFilename', 'folderColorRgb', 'writersCanShare', 'copyRequiresWriterPermission', 'viewersCanCopyContent', 'contentHints', 'contentRestrictions', 'viewedByMeTime']);
const READ_ONLY = new Set(['size', 'md5Checksum', 'sha1Checksum', 'sha256Checksum', 'owners', 'permissions', 'permissionIds', 'capabilities', 'version', 'webViewLink', 'webContentLink', 'headRevisionId', 'shared', 'ownedByMe', 'lastModifyingUser', 'spaces', 'exportLinks', 'quotaBytesUsed', 'iconLink', 'thumbnailLink', 'fileExtension', 'fullFileExtension', 'trashedTime', 'trashingUser', 'sharingUser', 'explicitlyTrashed', 'isAppAuthorized', 'hasThumbnail', 'thumbnailVersion', 'modifiedByMe', 'viewedByMe', 'driveId', 'teamDriveId', 'resourceKey', 'linkShareMetadata', 'labelInfo', 'imageMediaMetadata', 'videoMediaMetadata', 'hasAugmentedPermissions', 'id', 'createdTime', 'trashed', 'parents']);

const fieldNotWritable = () => googleError('drive', { code: 403, message: 'The resource body includes fields which are not directly writable.', reason: 'fieldNotWritable' });

function checkWritable(meta: Record<string, unknown>, allowed: Set<string>): void {
  if ('parents' in meta && allowed === WRITABLE_ON_UPDATE) {
    throw googleError('drive', { code: 403, message: 'The parents field is not directly writable in update requests. Use the addParents and removeParents parameters instead.', reason: 'fieldNotWritable' });
  }
  for (const k of Object.keys(meta)) if (!allowed.has(k) && READ_ONLY.has(k)) throw fieldNotWritable();
}

/** Resolves `root`, checks the caller can see the file, and that their role is enough. Unseen files do not exist. */
export function loadFile(t: Tenant, dc: DriveCaller, rawId: string, need: Role = 'reader'): { file: DriveFile; access: Access } {
  const id = rawId === 'root' && dc.email ? rootFolderOf(t, dc.email).id : rawId;
  const file = files(t).get(id);
  const access = file ? accessTo(t, file, dc.who) : undefined;
  // Shared drive items answer 404 unless the request says it supports all drives (Drive's shared drives guide).
  if (!file || !access || (file.driveId && !dc.allDrives)) throw E.fileNotFound(rawId);
  if (!atLeast(access, need)) throw E.insufficientFilePermissions();
  return { file, access };
}

function requireUser(dc: DriveCaller): void {
  if (!dc.email) throw E.loginRequired('drive');
}

const METADATA_ONLY = ['https://www.googleapis.com/auth/drive.metadata', 'https://www.googleapis.com/auth/drive.metadata.readonly'];

/** Bytes of a blob file, honouring a single `Range: bytes=a-b` request as Drive does for downloads. */
export function mediaResponse(ctx: OpContext, bytes: Uint8Array, mimeType: string): Response {
  const range = /^bytes=(\d*)-(\d*)$/.exec(ctx.headers.get('range') ?? '');
  const headers: Record<string, string> = { 'content-type': mimeType, 'accept-ranges': 'bytes' };
  if (range && (range[1] || range[2])) {
    const size = bytes.byteLength;
    const a = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    const b = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (a >= size || a > b) return new Response(null, { status: 416, headers: { 'content-range': `bytes */${size}` } });
    headers['content-range'] = `bytes ${a}-${b}/${size}`;
    return new Response(Buffer.from(bytes.slice(a, b + 1)), { status: 206, headers });
  }
  return new Response(Buffer.from(bytes), { status: 200, headers });
}

function get(ctx: OpContext): Reply | Response {
  const t = ctx.tenant;
  const dc = driveCaller(ctx);
  const { file, access } = loadFile(t, dc, ctx.params.fileId);
  if (ctx.query.alt === 'media') {
    if (!dc.caller.anonymous && !dc.caller.scopes.some((s) => !METADATA_ONLY.includes(s)) && !dc.caller.fullScope('https://www.googleapis.com/auth/drive')) {
      throw E.insufficientScopes('drive', ['https://www.googleapis.com/auth/drive.readonly']);
    }
    if (isGoogleApps(file.mimeType)) throw E.fileNotDownloadable();
    return mediaResponse(ctx, unb64(file.content), file.mimeType);
  }
  // The presentation reads the tenant's state, the caller as the ACL model sees them, and the arguments.
  const key = `${file.id} ${callerKey(dc)} ${JSON.stringify(ctx.query)}`;
  return presentedFiles.reply(t, key, () => fileReply(ctx, file, dc, access));
}

/** A file as the caller's `fields` mask shows it, presenting only what the mask keeps. */
function fileReply(ctx: OpContext, file: DriveFile, dc: DriveCaller, access?: Access): unknown {
  return pickBuilt(ctx, 'drive', FILE_DEFAULT, 'drive.File', (want) => presentFile(ctx.tenant, file, dc.who, access, want));
}

/** files.get answers, kept until the tenant's next change. */
const presentedFiles = new ReplyCache('drive files.get');

/**
 * Where a new file goes: its named parent (which the caller must be able to add to), else the caller's root;
 * a parent in a shared drive makes the file part of that drive.
 */
function placeFor(t: Tenant, dc: DriveCaller, requested: unknown): { parents: string[]; driveId?: string } {
  if (requested === undefined) return { parents: [rootFolderOf(t, dc.email).id] };
  if (!Array.isArray(requested) || requested.some((p) => typeof p !== 'string')) throw E.badRequest('drive', 'Invalid value for parents');
  if (requested.length > 1) throw googleError('drive', { code: 403, message: 'Increasing the number of parents is not allowed', reason: 'cannotAddParent' });
  if (!requested.length) return { parents: [rootFolderOf(t, dc.email).id] };
  if (requested[0] === 'appDataFolder') throw E.notImplemented('drive', 'The appDataFolder space');
  const { file: parent } = loadFile(t, dc, requested[0] as string, 'writer');
  if (parent.mimeType !== FOLDER) throw E.badRequest('drive', 'The specified parent is not a folder.');
  return { parents: [parent.id], driveId: parent.driveId };
}

function stringMap(v: unknown, name: string): Record<string, string> | undefined {
  if (v === undefined) return undefined;
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw E.badRequest('drive', `Invalid value for ${name}`);
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== null).map(([k, x]) => [k, String(x)]));
}

/** Content for an editor file made from an upload (CSV to a sheet, text to a doc), or an empty one. */
function initEditorFile(t: Tenant, file: DriveFile, media?: Upload['media']): void {
  const text = media ? Buffer.from(media.bytes).toString('utf8') : '';
  if (file.mimeType === SPREADSHEET) {
    const ss = newSpreadsheet(file.id);
    parseCsv(text).forEach((row, r) => row.forEach((v, c) => {
      const cell = parseInput(v, 'USER_ENTERED');
      if (cell) ss.sheets[0].cells[`${r}:${c}`] = cell;
    }));
    spreadsheets(t).put(ss);
  } else if (file.mimeType === DOCUMENT) {
    documents(t).put(newDocument(file.id, text));
  }
}

/** files.create for metadata, media, multipart and resumable-completed uploads alike. */
export function createFromUpload(ctx: OpContext, up: Upload): Reply {
  const t = ctx.tenant;
  const dc = driveCaller(ctx);
  requireUser(dc);
  const meta = up.metadata;
  checkWritable(meta, WRITABLE_ON_CREATE);
  const generated = t.meta<string[]>('drive.generatedIds', () => []);
  const wantedId = str(meta.id);
  if (wantedId !== undefined) {
    if (files(t).has(wantedId)) throw googleError('drive', { code: 409, message: 'A file already exists with the provided ID.', reason: 'duplicate' });
    if (!generated.includes(wantedId)) throw E.badRequest('drive', 'The provided file ID is not usable.');
  }
  const mimeType = str(meta.mimeType) ?? up.media?.mimeType ?? 'application/octet-stream';
  const convert = isGoogleApps(mimeType) && mimeType !== FOLDER;
  const place = placeFor(t, dc, meta.parents);
  const file = createFile(t, {
    id: wantedId,
    name: str(meta.name) ?? 'Untitled',
    mimeType,
    parents: place.parents,
    driveId: place.driveId,
    owner: dc.email,
    description: str(meta.description),
    starred: meta.starred === true,
    properties: stringMap(meta.properties, 'properties'),
    appProperties: stringMap(meta.appProperties, 'appProperties'),
    content: convert ? undefined : up.media?.bytes,
    originalFilename: str(meta.originalFilename) ?? str(meta.name),
    createdByClient: dc.caller.clientId,
    createdTime: str(meta.createdTime),
    modifiedTime: str(meta.modifiedTime),
    folderColorRgb: str(meta.folderColorRgb),
    writersCanShare: typeof meta.writersCanShare === 'boolean' ? meta.writersCanShare : undefined,
    copyRequiresWriterPermission: typeof meta.copyRequiresWriterPermission === 'boolean' ? meta.copyRequiresWriterPermission : undefined,
  });
  if (wantedId) t.setMeta('drive.generatedIds', generated.filter((x) => x !== wantedId));
  if (convert) initEditorFile(t, file, up.media);
  return { body: fileReply(ctx, file, dc) };
}

/** files.update: metadata, parents, trash state and (for uploads) new content. */
export function updateFromUpload(ctx: OpContext, up: Upload): Reply {
  const t = ctx.tenant;
  const dc = driveCaller(ctx);
  requireUser(dc);
  const meta = up.metadata;
  checkWritable(meta, WRITABLE_ON_UPDATE);
  const { file, access } = loadFile(t, dc, ctx.params.fileId, 'writer');
  if ('trashed' in meta && meta.trashed !== file.trashed && !atLeast(access, trashRole(file))) throw E.insufficientFilePermissions();
  const oldParents = [...file.parents];
  // The new parents are worked out and checked before anything changes, so a refused move leaves the file as it was.
  let parents = [...file.parents];
  const add = (str(ctx.query.addParents) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const remove = (str(ctx.query.removeParents) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const raw of remove) {
    const id = raw === 'root' ? rootFolderOf(t, dc.email).id : raw;
    parents = parents.filter((p) => p !== id);
  }
  let across: DriveFile | undefined;
  for (const raw of add) {
    const { file: parent, access: parentAccess } = loadFile(t, dc, raw, 'writer');
    if (parent.mimeType !== FOLDER) throw E.badRequest('drive', 'The specified parent is not a folder.');
    if (parent.id === file.id || isAncestor(t, file.id, parent.id)) throw E.badRequest('drive', 'The parent would create a cycle in the folder tree.');
    if ((parent.driveId ?? '') !== (file.driveId ?? '')) {
      const refused = crossDriveRefusal(t, file, access, parent, parentAccess, dc.email);
      // Drive's reason for a folder entering a shared drive without the organizer role.
      if (refused === 'folder') throw googleError('drive', { code: 403, message: 'Moving folders into shared drives is not supported.', reason: 'teamDrivesFolderMoveInNotSupported' });
      if (refused) throw E.insufficientFilePermissions();
      across = parent;
    }
    if (!parents.includes(parent.id)) parents.push(parent.id);
  }
  if (parents.length > 1) throw googleError('drive', { code: 403, message: 'Increasing the number of parents is not allowed', reason: 'cannotAddParent' });
  if (typeof meta.name === 'string') file.name = meta.name;
  if (typeof meta.description === 'string') file.description = meta.description;
  if (typeof meta.starred === 'boolean') file.starred = meta.starred;
  if (typeof meta.mimeType === 'string' && !isGoogleApps(file.mimeType) && !isGoogleApps(meta.mimeType)) file.mimeType = meta.mimeType;
  if (typeof meta.originalFilename === 'string') file.originalFilename = meta.originalFilename;
  if (typeof meta.folderColorRgb === 'string' && file.mimeType === FOLDER) file.folderColorRgb = meta.folderColorRgb;
  if (typeof meta.writersCanShare === 'boolean') file.writersCanShare = meta.writersCanShare;
  if (typeof meta.copyRequiresWriterPermission === 'boolean') file.copyRequiresWriterPermission = meta.copyRequiresWriterPermission;
  for (const key of ['properties', 'appProperties'] as const) {
    const patch = meta[key];
    if (patch === undefined) continue;
    if (!patch || typeof patch !== 'object' || Array.isArray(patch)) throw E.badRequest('drive', `Invalid value for ${key}`);
    const next = { ...(file[key] ?? {}) };
    // A null value deletes the key (Drive's documented property semantics).
    for (const [k, v] of Object.entries(patch as Record<string, unknown>)) if (v === null) delete next[k]; else next[k] = String(v);
    file[key] = next;
  }
  file.parents = parents;
  if (across) moveAcrossDrives(t, file, across, dc.email);
  if (up.media) {
    if (isGoogleApps(file.mimeType)) initEditorFile(t, file, up.media);
    else setContent(t, file, up.media.bytes, dc.email, file.originalFilename, str(meta.mimeType) ?? up.media.mimeType);
    if (!isGoogleApps(file.mimeType) && str(meta.mimeType) === undefined && up.media.mimeType) file.mimeType = up.media.mimeType;
  }
  if ('trashed' in meta && typeof meta.trashed === 'boolean' && meta.trashed !== file.trashed) setTrashed(t, file, meta.trashed, dc.email);
  else {
    // What a file channel is told changed (X-Goog-Changed).
    const changed = [
      ...(up.media ? ['content'] : []),
      ...(Object.keys(meta).some((k) => k !== 'trashed') ? ['properties'] : []),
      ...(add.length || remove.length ? ['parents'] : []),
    ];
    touch(t, file, dc.email, { changed });
  }
  for (const p of [...oldParents, ...file.parents]) if (oldParents.includes(p) !== file.parents.includes(p)) childrenChanged(t, p);
  if (typeof meta.modifiedTime === 'string' && !Number.isNaN(Date.parse(meta.modifiedTime))) {
    file.modifiedTime = new Date(meta.modifiedTime).toISOString();
    files(t).put(file);
  }
  return { body: fileReply(ctx, file, dc) };
}

function isAncestor(t: Tenant, ancestorId: string, id: string, seen = new Set<string>()): boolean {
  const f = files(t).get(id);
  if (!f || seen.has(id)) return false;
  seen.add(id);
  return f.parents.some((p) => p === ancestorId || isAncestor(t, ancestorId, p, seen));
}

function create(ctx: OpContext): Reply {
  return createFromUpload(ctx, { metadata: jsonObject(ctx, 'drive') });
}

function update(ctx: OpContext): Reply {
  return updateFromUpload(ctx, { metadata: jsonObject(ctx, 'drive') });
}

/** The same two operations on the upload URI: media, multipart, or the opening of a resumable session. */
function createMedia(ctx: OpContext): Reply {
  const up = uploadOf(ctx);
  return up.resumable ? startResumable(ctx, up, 'create') : createFromUpload(ctx, up);
}

function updateMedia(ctx: OpContext): Reply {
  const up = uploadOf(ctx);
  return up.resumable ? startResumable(ctx, up, 'update') : updateFromUpload(ctx, up);
}

function copy(ctx: OpContext): Reply {
  const t = ctx.tenant;
  const dc = driveCaller(ctx);
  requireUser(dc);
  const meta = jsonObject(ctx, 'drive');
  checkWritable(meta, WRITABLE_ON_CREATE);
  const { file: src, access } = loadFile(t, dc, ctx.params.fileId);
  if (src.mimeType === FOLDER || (src.copyRequiresWriterPermission && !atLeast(access, 'writer'))) {
    throw googleError('drive', { code: 403, message: 'This file cannot be copied by the user.', reason: 'cannotCopyFile' });
  }
  const inherited = src.parents.filter((p) => {
    const parent = files(t).get(p);
    return parent && atLeast(accessTo(t, parent, dc.who), 'writer');
  });
  const place = meta.parents !== undefined ? placeFor(t, dc, meta.parents) : inherited.length ? { parents: inherited.slice(0, 1), driveId: src.driveId } : { parents: [rootFolderOf(t, dc.email).id] };
  const copyFile = createFile(t, {
    name: str(meta.name) ?? `Copy of ${src.name}`,
    mimeType: src.mimeType,
    parents: place.parents,
    driveId: place.driveId,
    owner: dc.email,
    description: str(meta.description) ?? src.description,
    starred: meta.starred === true,
    properties: stringMap(meta.properties, 'properties') ?? src.properties,
    appProperties: stringMap(meta.appProperties, 'appProperties'),
    content: isGoogleApps(src.mimeType) ? undefined : unb64(src.content),
    originalFilename: src.originalFilename,
    createdByClient: dc.caller.clientId,
  });
  const ss = spreadsheets(t).get(src.id);
  if (ss) spreadsheets(t).put({ ...structuredClone(ss), id: copyFile.id });
  const doc = documents(t).get(src.id);
  if (doc) documents(t).put({ ...structuredClone(doc), id: copyFile.id, revision: 1 });
  return { body: fileReply(ctx, copyFile, dc) };
}

function remove(ctx: OpContext): Reply {
  const t = ctx.tenant;
  const dc = driveCaller(ctx);
  requireUser(dc);
  const { file, access } = loadFile(t, dc, ctx.params.fileId);
  if (file.isRoot || !atLeast(access, deleteRole(file))) throw E.insufficientFilePermissions();
  deleteTree(t, file, dc.email);
  return { status: 204 };
}

function emptyTrash(ctx: OpContext): Reply {
  const t = ctx.tenant;
  const dc = driveCaller(ctx);
  requireUser(dc);
  const driveId = str(ctx.query.driveId);
  if (driveId) {
    // A shared drive's trash is emptied by its organizers (files.emptyTrash reference).
    const { access } = loadFile(t, { ...dc, allDrives: true }, driveId);
    if (!atLeast(access, 'organizer')) throw E.insufficientFilePermissions();
  }
  const inTrash = (x: DriveFile) => x.trashed && (driveId ? x.driveId === driveId : !x.driveId && x.owner.toLowerCase() === dc.who.email);
  for (const f of files(t).filter(inTrash)) if (files(t).has(f.id)) deleteTree(t, f, dc.email);
  return { status: 204 };
}

function generateIds(ctx: OpContext): Reply {
  const t = ctx.tenant;
  const count = intParam(ctx, 'drive', 'count', 10, 1, 1000);
  const space = str(ctx.query.space) ?? 'drive';
  if (space !== 'drive') throw E.notImplemented('drive', `Generating ids for the ${space} space`);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(`1${t.random.chars(32, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')}`);
  t.setMeta('drive.generatedIds', [...t.meta<string[]>('drive.generatedIds', () => []), ...out]);
  return { body: pick(ctx, 'drive', { kind: 'drive#generatedIds', space, ids: out }, 'kind,space,ids', 'drive.GeneratedIds') };
}

function exportFile(ctx: OpContext): Response {
  const t = ctx.tenant;
  const dc = driveCaller(ctx);
  const { file } = loadFile(t, dc, ctx.params.fileId);
  const want = str(ctx.query.mimeType) ?? '';
  if (!EXPORTS[file.mimeType]) throw googleError('drive', { code: 403, message: 'Export only supports Docs Editors files.', reason: 'fileNotExportable' });
  // The download URI of a revision (files.download with revisionId) exports that revision's snapshot.
  const revisionId = str(ctx.query.revisionId);
  const rev = revisionId ? revisions(t, file.id).get(revisionId) : undefined;
  if (revisionId && !rev?.snapshot) throw E.revisionNotFound(revisionId);
  const text = exportText(t, file, want, rev?.snapshot);
  if (text === undefined) throw E.badRequest('drive', 'The requested conversion is not supported.', 'convertTo');
  return new Response(text, { status: 200, headers: { 'content-type': `${want}; charset=utf-8` } });
}

export const driveFileHandlers = {
  'drive.files.get': get,
  'drive.files.create': create,
  'drive.files.update': update,
  'drive.files.create.media': createMedia,
  'drive.files.update.media': updateMedia,
  'drive.files.copy': copy,
  'drive.files.delete': remove,
  'drive.files.emptyTrash': emptyTrash,
  'drive.files.generateIds': generateIds,
  'drive.files.export': exportFile,
} satisfies Handlers;

