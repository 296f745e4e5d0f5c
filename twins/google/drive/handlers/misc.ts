/** Drive v3 about, changes (start token and list) and revisions. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E, googleError } from '../../errors.js';
import { FOLDER, files, isGoogleApps, revisions, unb64 } from '../../store.js';
import { accessTo } from '../model/acl.js';
import { EXPORTS, changesFloor, nextChangeToken, wasInAudience } from '../model/files.js';
import { bool, intParam, pick, pickBuilt, str } from '../../request.js';
import { within } from '../../fields.js';
import { loadFile, mediaResponse } from './files.js';
import { driveUser, presentFile } from '../present/files.js';
import { driveCaller } from './caller.js';
import { DRIVE_THEMES, themeLink } from '../model/drives.js';
import { changeLog, type LoggedChange } from '../model/change-log.js';

function about(ctx: OpContext): Reply {
  // about.get has no default field set: Drive insists on `fields`.
  if (!str(ctx.query.fields)) throw E.required('drive', 'fields', "The 'fields' parameter is required for this method.");
  const t = ctx.tenant;
  const dc = driveCaller(ctx);
  if (!dc.email) throw E.loginRequired('drive');
  const mine = files(t).filter((f) => f.owner.toLowerCase() === dc.who.email);
  const usage = mine.reduce((n, f) => n + (isGoogleApps(f.mimeType) ? 0 : f.size ?? 0), 0);
  const trash = mine.filter((f) => f.trashed).reduce((n, f) => n + (f.size ?? 0), 0);
  const body = {
    kind: 'drive#about',
    user: driveUser(t, dc.email, true),
    storageQuota: { limit: '32212254720', usage: String(usage), usageInDrive: String(usage), usageInDriveTrash: String(trash) },
    importFormats: { 'text/csv': ['application/vnd.google-apps.spreadsheet'], 'text/plain': ['application/vnd.google-apps.document'] },
    exportFormats: Object.fromEntries(Object.entries(EXPORTS).map(([m, e]) => [m, Object.keys(e)])),
    maxImportSizes: { 'application/vnd.google-apps.document': '10485760', 'application/vnd.google-apps.spreadsheet': '104857600' },
    maxUploadSize: '5242880000000',
    appInstalled: false,
    folderColorPalette: ['#ac725e', '#d06b64', '#f83a22', '#fa573c', '#ff7537', '#ffad46', '#42d692', '#16a765', '#7bd148', '#b3dc6c', '#fbe983', '#fad165', '#92e1c0', '#9fe1e7', '#9fc6e7', '#4986e7', '#9a9cff', '#b99aff', '#c2c2c2', '#cabdbf', '#cca6ac', '#f691b2', '#cd74e6', '#a47ae2'],
    canCreateDrives: !!dc.caller.user,
    canCreateTeamDrives: !!dc.caller.user,
    driveThemes: DRIVE_THEMES.map((th) => ({ id: th.id, backgroundImageLink: themeLink(th.id), colorRgb: th.colorRgb })),
    teamDriveThemes: DRIVE_THEMES.map((th) => ({ id: th.id, backgroundImageLink: themeLink(th.id), colorRgb: th.colorRgb })),
  };
  return { body: pick(ctx, 'drive', body, '', 'drive.About') };
}

function startPageToken(ctx: OpContext): Reply {
  return { body: pick(ctx, 'drive', { kind: 'drive#startPageToken', startPageToken: nextChangeToken(ctx.tenant) }, 'kind,startPageToken', 'drive.StartPageToken') };
}

/**
 * Changes since a token, one entry per file (its latest change), visible to
 * the caller: a file they can see now, or one they could see and lost.
 */
function changes(ctx: OpContext): Reply {
  const t = ctx.tenant;
  const dc = driveCaller(ctx);
  const token = str(ctx.query.pageToken);
  if (!token) throw E.required('drive', 'pageToken');
  if (!/^\d+$/.test(token)) throw E.invalidValue('drive', 'pageToken');
  const from = Number(token);
  // A token from before the oldest change kept would miss what was dropped: refused, not answered short.
  if (from < changesFloor(t)) throw E.invalidValue('drive', 'pageToken');
  const pageSize = intParam(ctx, 'drive', 'pageSize', 100, 1, 1000);
  const includeRemoved = ctx.query.includeRemoved !== false && ctx.query.includeRemoved !== 'false';
  const restrictToMyDrive = ctx.query.restrictToMyDrive === true || ctx.query.restrictToMyDrive === 'true';
  // Shared drive items appear only with includeItemsFromAllDrives; driveId narrows the feed to one drive.
  const allDrives = bool(ctx.query.includeItemsFromAllDrives) || bool(ctx.query.includeTeamDriveItems);
  const onlyDrive = str(ctx.query.driveId) ?? str(ctx.query.teamDriveId);
  if (onlyDrive && !allDrives) throw googleError('drive', { code: 403, message: 'The includeItemsFromAllDrives parameter must be set to true when driveId is specified or corpora contains drive or allDrives.', reason: 'invalid' });
  const inFeed = (driveId: string | undefined) => (onlyDrive ? driveId === onlyDrive : !driveId || allDrives);
  const log = changeLog(t).values().filter((c) => Number(c.id) >= from).sort((a, b) => Number(a.id) - Number(b.id));
  const latest = new Map<string, LoggedChange>();
  for (const c of log) {
    latest.delete(c.fileId);
    latest.set(c.fileId, c);
  }
  return {
    body: pickBuilt(ctx, 'drive', 'kind,nextPageToken,newStartPageToken,changes(kind,changeType,time,removed,fileId,file(kind,id,name,mimeType))', 'drive.ChangeList', (want) => {
      const fileWant = within(within(want, 'changes'), 'file');
      const out: Record<string, unknown>[] = [];
      let last = from - 1;
      let more = false;
      for (const c of latest.values()) {
        const file = files(t).get(c.fileId);
        const acc = file ? accessTo(t, file, dc.who) : undefined;
        if (file?.isRoot || (file && !inFeed(file.driveId))) continue;
        let entry: Record<string, unknown> | undefined;
        if (file && acc && !(restrictToMyDrive && file.owner.toLowerCase() !== dc.who.email)) {
          entry = { kind: 'drive#change', changeType: 'file', time: c.time, removed: false, fileId: c.fileId, file: presentFile(t, file, dc.who, acc, fileWant) };
        } else if (includeRemoved && wasInAudience(c.audience, dc.who)) {
          entry = { kind: 'drive#change', changeType: 'file', time: c.time, removed: true, fileId: c.fileId };
        }
        if (!entry) continue;
        if (out.length === pageSize) {
          more = true;
          break;
        }
        out.push(entry);
        last = Number(c.id);
      }
      const body: Record<string, unknown> = { kind: 'drive#changeList', changes: out };
      if (more) body.nextPageToken = String(last + 1);
      else body.newStartPageToken = nextChangeToken(t);
      return body;
    }),
  };
}

const REVISION_DEFAULT = 'kind,id,mimeType,modifiedTime';

function presentRevision(ctx: OpContext, r: ReturnType<typeof revisions> extends { get(id: string): infer R } ? NonNullable<R> : never): Record<string, unknown> {
  return {
    kind: 'drive#revision',
    id: r.id,
    mimeType: r.mimeType,
    modifiedTime: r.modifiedTime,
    keepForever: r.keepForever,
    published: false,
    lastModifyingUser: driveUser(ctx.tenant, r.lastModifyingUser, r.lastModifyingUser.toLowerCase() === driveCaller(ctx).who.email),
    ...(r.snapshot === undefined
      ? { originalFilename: r.originalFilename, md5Checksum: r.md5Checksum, size: String(r.size ?? 0) }
      : { exportLinks: Object.fromEntries(Object.entries(EXPORTS[r.mimeType] ?? {}).map(([m, e]) => [m, `https://docs.google.com/feeds/download/export?id=${ctx.params.fileId}&revision=${r.id}&exportFormat=${e}`])) }),
  };
}

function revisionFile(ctx: OpContext) {
  const dc = driveCaller(ctx);
  const { file } = loadFile(ctx.tenant, dc, ctx.params.fileId, 'writer');
  if (file.mimeType === FOLDER) throw googleError('drive', { code: 403, message: 'The file does not support revisions.', reason: 'revisionsNotSupported' });
  return file;
}

function listRevisions(ctx: OpContext): Reply {
  const file = revisionFile(ctx);
  const revs = revisions(ctx.tenant, file.id).values().map((r) => presentRevision(ctx, r));
  return { body: pick(ctx, 'drive', { kind: 'drive#revisionList', revisions: revs }, `kind,nextPageToken,revisions(${REVISION_DEFAULT})`, 'drive.RevisionList') };
}

function getRevision(ctx: OpContext): Reply | Response {
  const file = revisionFile(ctx);
  const rev = revisions(ctx.tenant, file.id).get(ctx.params.revisionId === 'head' ? file.headRevisionId ?? '' : ctx.params.revisionId);
  if (!rev) throw E.revisionNotFound(ctx.params.revisionId);
  // Docs Editors revisions are exported (files.download with revisionId), never downloaded as bytes.
  if (ctx.query.alt === 'media' && rev.snapshot !== undefined) throw E.fileNotDownloadable();
  if (ctx.query.alt === 'media') return mediaResponse(ctx, unb64(rev.content), rev.mimeType);
  return { body: pick(ctx, 'drive', presentRevision(ctx, rev), REVISION_DEFAULT, 'drive.Revision') };
}

function updateRevision(ctx: OpContext): Reply {
  const file = revisionFile(ctx);
  const rev = revisions(ctx.tenant, file.id).get(ctx.params.revisionId);
  if (!rev) throw E.revisionNotFound(ctx.params.revisionId);
  const body = (ctx.body && typeof ctx.body === 'object' && !(ctx.body instanceof Uint8Array) ? ctx.body : {}) as Record<string, unknown>;
  if (typeof body.keepForever === 'boolean') rev.keepForever = body.keepForever;
  revisions(ctx.tenant, file.id).put(rev);
  return { body: pick(ctx, 'drive', presentRevision(ctx, rev), REVISION_DEFAULT, 'drive.Revision') };
}

function deleteRevision(ctx: OpContext): Reply {
  const file = revisionFile(ctx);
  const coll = revisions(ctx.tenant, file.id);
  const rev = coll.get(ctx.params.revisionId);
  if (!rev) throw E.revisionNotFound(ctx.params.revisionId);
  // The head revision is the file's content; Drive refuses to delete it.
  if (isGoogleApps(file.mimeType)) throw googleError('drive', { code: 403, message: 'Only revisions of files with binary content can be deleted.', reason: 'revisionDeletionNotSupported' });
  if (rev.id === file.headRevisionId) throw googleError('drive', { code: 400, message: 'The revision cannot be deleted because it is the head revision.', reason: 'cannotDeleteHeadRevision' });
  coll.delete(rev.id);
  return { status: 204 };
}

export const driveMiscHandlers = {
  'drive.about.get': about,
  'drive.changes.getStartPageToken': startPageToken,
  'drive.changes.list': changes,
  'drive.revisions.list': listRevisions,
  'drive.revisions.get': getRevision,
  'drive.revisions.update': updateRevision,
  'drive.revisions.delete': deleteRevision,
} satisfies Handlers;
