/** Drive v3 files.list: what the caller can find, filtered by the query language, ordered and paged. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import type { Tenant } from '../../../../src/core/tenant.js';
import { E, googleError } from '../../errors.js';
import { DOCUMENT, FOLDER, files, unb64, type DriveFile } from '../../store.js';
import { accessTo, directRoles, visibilityOf } from '../model/acl.js';
import { rootFolderOf } from '../model/files.js';
import { evaluate, parseQuery, QuerySyntaxError, type QueryView } from '../model/query.js';
import { fileIndexes, filesByTime, narrowQuery } from '../model/indexes.js';
import { select, walk, type Candidates } from '../../../../src/core/lookup.js';
import { documents, plainText } from '../../docs/model/documents.js';
import { bool, decodePageToken, encodePageToken, intParam, pick, pickBuilt, str } from '../../request.js';
import { within } from '../../fields.js';
import { presentFile } from '../present/files.js';
import { type DriveCaller, callerKey, driveCaller } from './caller.js';
import { ReplyCache } from '../../../../src/core/reply-cache.js';

const LIST_DEFAULT = 'kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)';

const textOf = (t: Tenant, f: DriveFile): string | undefined => {
  if (f.mimeType === DOCUMENT) {
    const d = documents(t).get(f.id);
    return d ? plainText(d) : undefined;
  }
  if (f.mimeType.startsWith('text/') && f.content) return Buffer.from(unb64(f.content)).toString('utf8');
  return undefined;
};

function viewOf(t: Tenant, f: DriveFile, dc: DriveCaller): QueryView {
  const roles = directRoles(t, f);
  const me = dc.who.email;
  return {
    name: f.name,
    mimeType: f.mimeType,
    description: f.description,
    text: textOf(t, f),
    trashed: f.trashed,
    starred: f.starred,
    sharedWithMe: !!me && f.owner.toLowerCase() !== me && roles.some((r) => r.email === me || dc.who.groups.has(r.email)),
    createdTime: f.createdTime,
    modifiedTime: f.modifiedTime,
    visibility: visibilityOf(t, f),
    parents: f.parents,
    owners: [f.owner.toLowerCase()],
    writers: roles.filter((r) => r.role === 'writer' || r.role === 'owner').map((r) => r.email),
    readers: roles.filter((r) => r.role === 'reader' || r.role === 'commenter').map((r) => r.email),
    properties: f.properties ?? {},
    appProperties: f.appProperties ?? {},
  };
}

const ORDER_KEYS: Record<string, (f: DriveFile) => string | number | boolean> = {
  createdTime: (f) => f.createdTime,
  modifiedTime: (f) => f.modifiedTime,
  modifiedByMeTime: (f) => f.modifiedTime,
  viewedByMeTime: (f) => f.modifiedTime,
  recency: (f) => f.modifiedTime,
  sharedWithMeTime: (f) => f.createdTime,
  name: (f) => f.name.toLowerCase(),
  name_natural: (f) => f.name.toLowerCase(),
  folder: (f) => (f.mimeType === FOLDER ? 0 : 1),
  quotaBytesUsed: (f) => f.size ?? 0,
  starred: (f) => (f.starred ? 0 : 1),
};

function sorter(orderBy: string | undefined): (a: DriveFile, b: DriveFile) => number {
  const keys = (orderBy ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const [k, dir] = s.split(/\s+/);
    if (!ORDER_KEYS[k] || (dir && !/^(asc|desc)$/i.test(dir))) throw E.invalidValue('drive', 'orderBy', `Invalid sort field: ${k}`);
    return { get: ORDER_KEYS[k], desc: dir?.toLowerCase() === 'desc' };
  });
  // Without orderBy, most recently modified first; equal times keep creation order.
  if (!keys.length) keys.push({ get: ORDER_KEYS.modifiedTime, desc: true });
  return (a, b) => {
    for (const k of keys) {
      const x = k.get(a);
      const y = k.get(b);
      if (x < y) return k.desc ? 1 : -1;
      if (x > y) return k.desc ? -1 : 1;
    }
    return 0;
  };
}

/**
 * The first `limit` files that pass `visible`, in list order: walked from a kept time order when the
 * list is ordered by time alone (none means newest modification first), else filtered and sorted.
 */
function findFiles(t: Tenant, visible: (f: DriveFile) => boolean, candidates: Candidates, orderBy: string | undefined, cmp: (a: DriveFile, b: DriveFile) => number, limit: number): DriveFile[] {
  const index = fileIndexes(t).parents;
  const sorted = () => select(files(t), index, candidates, visible).sort(cmp);
  const m = /^\s*(modifiedTime|createdTime)(?:\s+(asc|desc))?\s*$/i.exec(orderBy ?? 'modifiedTime desc');
  // Sorting a few candidates beats walking the whole order to find them.
  if (!m || (candidates && candidates.size < 4 * limit)) return sorted().slice(0, limit);
  const field = m[1] as 'modifiedTime' | 'createdTime';
  const order = filesByTime(t, field);
  if (order.unkeyed) return sorted().slice(0, limit);
  const pass = candidates ? (f: DriveFile) => candidates.has(f.id) && visible(f) : visible;
  return walk(files(t), order, m[2]?.toLowerCase() === 'desc' ? 'desc-stable' : 'asc', limit, pass, sorted, { within: candidates });
}

const teamDriveError = (message: string, reason: string) => googleError('drive', { code: 403, message, reason });

/**
 * Which bodies of items a search covers (files.list `corpora`): My Drive and shared-with-me by default;
 * one shared drive (`drive` + `driveId`) or every drive the caller is a member of (`allDrives`), both only
 * with includeItemsFromAllDrives. The messages are Drive's own.
 */
function corpusFilter(ctx: OpContext): (f: DriveFile) => boolean {
  const corpora = (str(ctx.query.corpora) ?? str(ctx.query.corpus) ?? 'user').split(',').map((s) => s.trim()).filter(Boolean);
  if (corpora.some((c) => !['user', 'domain', 'drive', 'allDrives'].includes(c))) throw E.invalidValue('drive', 'corpora');
  const driveId = str(ctx.query.driveId) ?? str(ctx.query.teamDriveId);
  const wantsDrive = corpora.includes('drive');
  if (!!driveId !== wantsDrive) throw teamDriveError('The driveId parameter must be specified if and only if corpora is set to drive.', 'teamDriveIdRequiresTeamDriveCorpora');
  const include = bool(ctx.query.includeItemsFromAllDrives) || bool(ctx.query.includeTeamDriveItems);
  if ((driveId || corpora.includes('allDrives')) && !include) {
    throw teamDriveError('The includeItemsFromAllDrives parameter must be set to true when driveId is specified or corpora contains drive or allDrives.', 'invalid');
  }
  if (driveId) return (f) => f.driveId === driveId;
  if (corpora.includes('allDrives')) return () => true;
  return (f) => !f.driveId;
}

/** files.list pages, kept until the tenant's next change: a page reads the tenant's state, the caller and the arguments. */
const pages = new ReplyCache('drive files.list');

function list(ctx: OpContext): Reply {
  const dc = driveCaller(ctx);
  return pages.reply(ctx.tenant, `${callerKey(dc)} ${JSON.stringify(ctx.query)}`, () => listPage(ctx, dc));
}

function listPage(ctx: OpContext, dc: DriveCaller): unknown {
  const t = ctx.tenant;
  const q = str(ctx.query.q);
  const spaces = (str(ctx.query.spaces) ?? 'drive').split(',').map((s) => s.trim());
  if (spaces.some((s) => s !== 'drive' && s !== 'appDataFolder' && s !== 'photos')) throw E.invalidValue('drive', 'spaces');
  if (!spaces.includes('drive')) throw E.notImplemented('drive', 'The appDataFolder space');
  const pageSize = intParam(ctx, 'drive', 'pageSize', 100, 1, 1000);
  let tree;
  try {
    tree = q && q.trim() ? parseQuery(q) : undefined;
  } catch (e) {
    if (e instanceof QuerySyntaxError) throw E.invalidValue('drive', 'q');
    throw e;
  }
  const inCorpus = corpusFilter(ctx);
  const cmp = sorter(str(ctx.query.orderBy));
  const offset = decodePageToken(ctx.query.pageToken, [q, ctx.query.orderBy, ctx.query.corpora, ctx.query.driveId], 'drive');
  const root = dc.email ? rootFolderOf(t, dc.email).id : undefined;
  const resolveParent = (id: string) => (id === 'root' && root ? root : id);
  const visible = (f: DriveFile) => {
    if (f.isRoot || !inCorpus(f)) return false;
    const acc = accessTo(t, f, dc.who);
    if (!acc || !(acc.discoverable || acc.role === 'owner')) return false;
    return !tree || evaluate(tree, viewOf(t, f, dc), resolveParent);
  };
  const hits = findFiles(t, visible, narrowQuery(t, tree, resolveParent), str(ctx.query.orderBy), cmp, offset + pageSize + 1);
  const page = hits.slice(offset, offset + pageSize);
  return pickBuilt(ctx, 'drive', LIST_DEFAULT, 'drive.FileList', (want) => {
    const body: Record<string, unknown> = {
      kind: 'drive#fileList',
      incompleteSearch: false,
      files: page.map((f) => presentFile(t, f, dc.who, undefined, within(want, 'files'))),
    };
    if (offset + pageSize < hits.length) body.nextPageToken = encodePageToken(offset + pageSize, [q, ctx.query.orderBy, ctx.query.corpora, ctx.query.driveId]);
    return body;
  });
}

export const driveListHandlers = { 'drive.files.list': list } satisfies Handlers;
