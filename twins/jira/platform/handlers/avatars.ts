// Avatars: system catalogues, custom avatars uploaded for projects and issue types, and the images behind both.
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-avatars/
import type { Handlers } from '../../generated/operations.js';
import { jiraError } from '../../errors.js';
import { findProject, issueTypes, projects } from '../../store.js';
import { customAvatars, defaultAvatarId, imageType, isSystemAvatar, storeCustomAvatar, systemAvatarIds, systemAvatarPng, type AvatarDoc } from '../model/avatars.js';
import { projectAvatar } from '../present/site.js';
import { objectBody, requireProjectAdmin, type Ctx } from './common.js';

const SIZES = [['16x16', 'xsmall'], ['24x24', 'small'], ['32x32', 'medium'], ['48x48', 'large']] as const;

function avatarJson(ctx: Ctx, type: string, id: number | string, custom?: AvatarDoc, selected = false) {
  const urls = Object.fromEntries(SIZES.map(([k, size]) => [k, `${ctx.baseUrl}/rest/api/3/universal_avatar/view/type/${type}/avatar/${id}?size=${size}`]));
  return custom
    ? { id: String(id), owner: custom.owner, isSystemAvatar: false, isSelected: selected, isDeletable: true, urls }
    : { id: String(id), isSystemAvatar: true, isSelected: selected, isDeletable: false, urls };
}

/** The owner's id, or undefined when no such project / issue type exists. */
function ownerOf(ctx: Ctx, type: string, entityId: string): { id: string; avatarId: number } | undefined {
  if (type === 'project') {
    const p = findProject(ctx.tenant, entityId);
    return p ? { id: String(p.id), avatarId: projectAvatar(p) } : undefined;
  }
  const it = issueTypes(ctx.tenant).get(entityId);
  return it ? { id: String(it.id), avatarId: it.avatarId } : undefined;
}

const customOf = (ctx: Ctx, type: string, owner: string) => customAvatars(ctx.tenant).filter((a) => a.type === type && a.owner === owner);

/** {system, custom} for an owner; an unknown owner gets the system catalogue and no custom avatars. */
export function avatarsOf(ctx: Ctx, type: string, entityId: string) {
  const owner = ownerOf(ctx, type, entityId);
  return {
    system: systemAvatarIds(type).map((id) => avatarJson(ctx, type, id, undefined, id === owner?.avatarId)),
    custom: owner ? customOf(ctx, type, owner.id).map((a) => avatarJson(ctx, type, a.id, a, Number(a.id) === owner.avatarId)) : [],
  };
}

/** Reads uploaded image bytes (`*\/*` body) and keeps them as a custom avatar of the owner. */
export function uploadAvatar(ctx: Ctx, type: string, entityId: string) {
  requireProjectAdmin(ctx);
  const owner = ownerOf(ctx, type, entityId);
  if (!owner) throw jiraError(404, [`The ${type === 'project' ? 'project' : 'issue type'} with id '${entityId}' does not exist.`]);
  const bytes = ctx.rawBody instanceof Uint8Array ? ctx.rawBody : new Uint8Array(0);
  const mime = imageType(bytes);
  // Jira decodes the upload; bytes it cannot read as an image are refused.
  if (!mime) throw jiraError(400, ['The image you uploaded is not a supported image format.']);
  const a = storeCustomAvatar(ctx.tenant, type, owner.id, mime, bytes);
  return avatarJson(ctx, type, a.id, a);
}

function image(bytes: Uint8Array, mimeType: string): Response {
  return new Response(new Uint8Array(bytes), { status: 200, headers: { 'content-type': mimeType, 'cache-control': 'max-age=86400' } });
}

function imageOf(ctx: Ctx, type: string, id: number): Response {
  if (isSystemAvatar(type, id)) return image(systemAvatarPng(id), 'image/png');
  const a = customAvatars(ctx.tenant).get(String(id));
  if (!a || a.type !== type) throw jiraError(404, [`The avatar with id '${id}' does not exist.`]);
  return image(Buffer.from(a.data, 'base64'), a.mimeType);
}

/** Only custom avatars of that owner can go; system ones are refused. */
function removeAvatar(ctx: Ctx, type: string, ownerId: string, id: number) {
  requireProjectAdmin(ctx);
  if (isSystemAvatar(type, id)) throw jiraError(403, ['System avatars cannot be deleted.']);
  const a = customAvatars(ctx.tenant).get(String(id));
  const owner = ownerOf(ctx, type, ownerId);
  if (!a || a.type !== type || !owner || a.owner !== owner.id) throw jiraError(404, [`The avatar with id '${id}' does not exist.`]);
  customAvatars(ctx.tenant).delete(a.id);
  // A project whose chosen avatar is deleted falls back to its type's default.
  const p = type === 'project' ? findProject(ctx.tenant, owner.id) : undefined;
  if (p && p.avatarId === id) projects(ctx.tenant).put({ ...p, avatarId: undefined });
  return { status: 204 as const };
}

export const avatarHandlers = {
  getAllSystemAvatars: (ctx) => ({ body: { system: systemAvatarIds(ctx.params.type).map((id) => avatarJson(ctx, ctx.params.type, id)) } }),
  getAvatars: (ctx) => ({ body: avatarsOf(ctx, ctx.params.type, String(ctx.params.entityId)) }),
  storeAvatar: (ctx) => ({ status: 201, body: uploadAvatar(ctx, ctx.params.type, String(ctx.params.entityId)) }),
  deleteAvatar: (ctx) => removeAvatar(ctx, ctx.params.type, String(ctx.params.owningObjectId), Number(ctx.params.id)),
  getAvatarImageByType: (ctx) => imageOf(ctx, ctx.params.type, defaultAvatarId(ctx.params.type) ?? 0),
  getAvatarImageByID: (ctx) => imageOf(ctx, ctx.params.type, Number(ctx.params.id)),
  getAvatarImageByOwner: (ctx) => {
    const owner = ownerOf(ctx, ctx.params.type, String(ctx.params.entityId));
    if (!owner) throw jiraError(404, [`The ${ctx.params.type} with id '${ctx.params.entityId}' does not exist.`]);
    return imageOf(ctx, ctx.params.type, owner.avatarId);
  },

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-avatars/
  getAllProjectAvatars: (ctx) => {
    const p = findProject(ctx.tenant, ctx.params.projectIdOrKey);
    if (!p) throw jiraError(404, [`No project could be found with key '${ctx.params.projectIdOrKey}'.`]);
    return { body: avatarsOf(ctx, 'project', String(p.id)) };
  },
  createProjectAvatar: (ctx) => {
    const p = findProject(ctx.tenant, ctx.params.projectIdOrKey);
    if (!p) throw jiraError(404, [`No project could be found with key '${ctx.params.projectIdOrKey}'.`]);
    return { status: 201, body: uploadAvatar(ctx, 'project', String(p.id)) };
  },
  // PUT /project/{key}/avatar {id}: selects a system avatar or one uploaded for this project (204); any other
  // id is "not found" (404), like a missing project.
  updateProjectAvatar: (ctx) => {
    requireProjectAdmin(ctx);
    const p = findProject(ctx.tenant, ctx.params.projectIdOrKey);
    if (!p) throw jiraError(404, [`No project could be found with key '${ctx.params.projectIdOrKey}'.`]);
    const raw = objectBody(ctx).id;
    const id = Number(raw);
    if (raw === undefined || raw === null || raw === '' || !Number.isInteger(id)) throw jiraError(400, ['The avatar id is required.']);
    const custom = customAvatars(ctx.tenant).get(String(id));
    const owned = custom && custom.type === 'project' && custom.owner === String(p.id);
    if (!isSystemAvatar('project', id) && !owned) throw jiraError(404, [`The avatar with id '${id}' does not exist.`]);
    projects(ctx.tenant).put({ ...p, avatarId: id });
    return { status: 204 as const };
  },
  deleteProjectAvatar: (ctx) => {
    const p = findProject(ctx.tenant, ctx.params.projectIdOrKey);
    if (!p) throw jiraError(404, [`No project could be found with key '${ctx.params.projectIdOrKey}'.`]);
    return removeAvatar(ctx, 'project', String(p.id), Number(ctx.params.id));
  },
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-types/#api-rest-api-3-issuetype-id-avatar2-post
  createIssueTypeAvatar: (ctx) => ({ status: 201, body: uploadAvatar(ctx, 'issuetype', String(ctx.params.id)) }),
} satisfies Handlers;
