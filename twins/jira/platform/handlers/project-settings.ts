// Project categories (and the projects in them), a project's sender email, its features and its issue type hierarchy.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { issueTypes, nextId, projectCategories, projects, type ProjectDoc } from '../../store.js';
import { getProperty, setProperty } from '../model/properties.js';
import { projectCategoryJson, viewOf } from '../present/site.js';
import { objectBody, projectOr404, requireProjectAdmin, type Ctx } from './common.js';

function categoryOr404(ctx: Ctx, id: unknown) {
  const c = projectCategories(ctx.tenant).get(String(id));
  if (!c) throw jiraError(404, [`The project category with id '${String(id)}' does not exist.`]);
  return c;
}

function categoryName(ctx: Ctx, b: Record<string, unknown>, except?: string): string {
  const name = typeof b.name === 'string' ? b.name.trim() : '';
  if (!name) throw fieldErrors({ name: 'The project category name must not be empty.' });
  if (name.length > 255) throw fieldErrors({ name: 'The project category name must not exceed 255 characters.' });
  if (projectCategories(ctx.tenant).find((c) => c.id !== except && c.name.toLowerCase() === name.toLowerCase())) throw fieldErrors({ name: `The project category '${name}' already exists.` });
  return name;
}

/**
 * Project features a company-managed software project can switch (Jira Software Cloud).
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-features/
 */
const FEATURES = [
  { feature: 'jsw.classic.roadmap', localisedName: 'Timeline', localisedDescription: 'Plan and track work on a timeline' },
  { feature: 'jsw.classic.deployments', localisedName: 'Deployments', localisedDescription: 'See deployments of issues' },
  { feature: 'jsw.classic.code', localisedName: 'Code', localisedDescription: 'See branches, commits and pull requests' },
];

function featuresOf(ctx: Ctx, p: ProjectDoc) {
  return FEATURES.map((f) => ({
    projectId: Number(p.id),
    state: String(getProperty(ctx.tenant, 'project', p.id, `jira.feature.${f.feature}`)?.value ?? (p.projectTypeKey === 'software' ? 'ENABLED' : 'DISABLED')),
    toggleLocked: p.projectTypeKey !== 'software',
    feature: f.feature,
    prerequisites: [],
    localisedName: f.localisedName,
    localisedDescription: f.localisedDescription,
    imageUri: `${ctx.baseUrl}/images/features/${f.feature}.svg`,
  }));
}

/** Jira's issue type hierarchy levels: Epic 1, standard 0, sub-task -1. */
const LEVEL_NAMES: Record<number, string> = { 1: 'Epic', 0: 'Base', [-1]: 'Subtask' };

export const projectSettingsHandlers = {
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-categories/
  getAllProjectCategories: (ctx) => ({ body: projectCategories(ctx.tenant).values().map((c) => projectCategoryJson(viewOf(ctx), c)) }),
  getProjectCategoryById: (ctx) => ({ body: projectCategoryJson(viewOf(ctx), categoryOr404(ctx, ctx.params.id)) }),
  createProjectCategory: (ctx) => {
    requireProjectAdmin(ctx);
    const b = objectBody(ctx);
    const c = projectCategories(ctx.tenant).put({ id: nextId(ctx.tenant, 'projectcategory', 10000), name: categoryName(ctx, b), description: typeof b.description === 'string' ? b.description : '' });
    return { status: 201, body: projectCategoryJson(viewOf(ctx), c) };
  },
  updateProjectCategory: (ctx) => {
    requireProjectAdmin(ctx);
    const c = categoryOr404(ctx, ctx.params.id);
    const b = objectBody(ctx);
    const next = projectCategories(ctx.tenant).patch(c.id, { ...(b.name !== undefined ? { name: categoryName(ctx, b, c.id) } : {}), ...(typeof b.description === 'string' ? { description: b.description } : {}) })!;
    return { body: projectCategoryJson(viewOf(ctx), next) };
  },
  /** Projects in a removed category are left without one. */
  removeProjectCategory: (ctx) => {
    requireProjectAdmin(ctx);
    const c = categoryOr404(ctx, ctx.params.id);
    for (const p of projects(ctx.tenant).filter((x) => x.categoryId === c.id)) projects(ctx.tenant).patch(p.id, { categoryId: undefined });
    projectCategories(ctx.tenant).delete(c.id);
    return { status: 204 };
  },

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-email/
  getProjectEmail: (ctx) => {
    const p = projectOr404(ctx, String(ctx.params.projectId));
    const own = getProperty(ctx.tenant, 'project', p.id, 'jira.project.email')?.value;
    // Without its own address a project sends from the site's default sender.
    return { body: { emailAddress: typeof own === 'string' ? own : `jira@${new URL(ctx.baseUrl).hostname}`, emailAddressStatus: [] } };
  },
  updateProjectEmail: (ctx) => {
    requireProjectAdmin(ctx);
    const p = projectOr404(ctx, String(ctx.params.projectId));
    const email = objectBody(ctx).emailAddress;
    if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw jiraError(400, ['The email address is not valid.']);
    setProperty(ctx.tenant, 'project', p.id, 'jira.project.email', email);
    return { status: 204 };
  },

  getFeaturesForProject: (ctx) => ({ body: { features: featuresOf(ctx, projectOr404(ctx, String(ctx.params.projectIdOrKey))) } }),
  toggleFeatureForProject: (ctx) => {
    const p = projectOr404(ctx, String(ctx.params.projectIdOrKey));
    requireProjectAdmin(ctx);
    const key = String(ctx.params.featureKey);
    if (!FEATURES.some((f) => f.feature === key)) throw jiraError(404, [`The feature '${key}' does not exist.`]);
    if (p.projectTypeKey !== 'software') throw jiraError(400, [`The feature '${key}' cannot be changed in this project.`]);
    const state = String(objectBody(ctx).state ?? '');
    if (state !== 'ENABLED' && state !== 'DISABLED') throw fieldErrors({ state: 'The state must be ENABLED or DISABLED.' });
    setProperty(ctx.tenant, 'project', p.id, `jira.feature.${key}`, state);
    return { body: { features: featuresOf(ctx, p) } };
  },

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-projectid-hierarchy-get
  getHierarchy: (ctx) => {
    const p = projectOr404(ctx, String(ctx.params.projectId));
    const types = p.issueTypeIds.map((id) => issueTypes(ctx.tenant).get(id)).filter((x) => !!x);
    const levels = [...new Set(types.map((it) => it!.hierarchyLevel))].sort((a, b) => b - a);
    return {
      body: {
        projectId: Number(p.id),
        hierarchy: levels.map((level) => ({
          level,
          name: LEVEL_NAMES[level] ?? `Level ${level}`,
          issueTypes: types.filter((it) => it!.hierarchyLevel === level).map((it) => ({ id: Number(it!.id), name: it!.name, avatarId: it!.avatarId })),
        })),
      },
    };
  },
} satisfies Handlers;
