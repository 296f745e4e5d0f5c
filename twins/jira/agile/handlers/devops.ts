// Jira Software's DevOps APIs for apps: builds, deployments, development information, DevOps components, feature flags, operations (incidents, reviews, workspaces), remote links and security information.
import type { Handlers } from '../../generated/operations.js';
import { devopsError } from '../../errors.js';
import { listParam, nowIso, objectBody, type Ctx } from '../../platform/handlers/common.js';
import {
  byProperties, deleteByProperties, deleteEntity, getEntity, linkedWorkspaces, linkWorkspaces, propertiesOf, unknownIssueKeys, unlinkWorkspaces, upsert,
  type DevopsKind, type WorkspaceDoc,
} from '../model/devops.js';

type Entity = Record<string, unknown>;

/** The app calling (auth refuses user credentials on these operations before a handler runs). */
const appOf = (ctx: Ctx) => String(ctx.principal.app);

const list = (v: unknown): Entity[] => (Array.isArray(v) ? v.filter((x): x is Entity => !!x && typeof x === 'object' && !Array.isArray(x)) : []);
const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN);

/** Fields an entity must carry; the first missing one is the rejection's message. */
function missing(e: Entity, fields: string[]): string | undefined {
  const f = fields.find((k) => e[k] === undefined || e[k] === null || e[k] === '');
  return f ? `'${f}' is required` : undefined;
}

/** Issue keys named by `issueKeys` or by `associations` of type issueKeys / issueIdOrKeys. */
function issueKeysOf(e: Entity): string[] {
  const direct = Array.isArray(e.issueKeys) ? e.issueKeys.map(String) : [];
  const assoc = list(e.associations).filter((a) => a.associationType === 'issueKeys' || a.associationType === 'issueIdOrKeys').flatMap((a) => (Array.isArray(a.values) ? a.values.map(String) : []));
  return [...direct, ...assoc];
}

/** The query parameters a bulk delete selects by: everything but the sequence-number guard. */
function propertyQuery(ctx: Ctx, guard: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(ctx.query as Record<string, unknown>)) {
    if (k === guard || v === undefined) continue;
    out[k] = String(Array.isArray(v) ? v[0] : v);
  }
  return out;
}

/** A bulk delete by properties: at least one property, as Jira requires; accepted (202) whether or not anything matched. */
function deleteByQuery(ctx: Ctx, kinds: DevopsKind[], guard: string, status = 202) {
  const props = propertyQuery(ctx, guard);
  if (!Object.keys(props).length) throw devopsError(400, 'At least one property must be specified to delete by.');
  const below = ctx.query[guard] !== undefined ? num(ctx.query[guard]) : undefined;
  deleteByProperties(ctx.tenant, appOf(ctx), kinds, props, Number.isFinite(below) ? below : undefined);
  return { status };
}

function found(ctx: Ctx, kind: DevopsKind, key: string, what: string) {
  const e = getEntity(ctx.tenant, appOf(ctx), kind, key);
  if (!e) throw devopsError(404, `No ${what} found for the given key.`);
  return { body: e.entity as never };
}

function removed(ctx: Ctx, kind: DevopsKind, key: string, guard: string | undefined, status = 202) {
  const below = guard && ctx.query[guard] !== undefined ? num(ctx.query[guard]) : undefined;
  deleteEntity(ctx.tenant, appOf(ctx), kind, key, Number.isFinite(below) ? below : undefined);
  return { status };
}

/** Stores each valid entity (with `lastUpdated` kept as sent) and sorts the rest into rejections. */
function submit(ctx: Ctx, kind: DevopsKind, items: Entity[], required: string[], keyOf: (e: Entity) => string, sequenceOf: (e: Entity) => number) {
  const props = propertiesOf(objectBody(ctx).properties);
  const accepted: Entity[] = [];
  const rejected: Array<{ entity: Entity; message: string }> = [];
  for (const e of items) {
    const why = missing(e, required);
    if (why) rejected.push({ entity: e, message: why });
    else {
      upsert(ctx.tenant, appOf(ctx), kind, keyOf(e), e, props, sequenceOf(e));
      accepted.push(e);
    }
  }
  return { accepted, rejected, unknown: unknownIssueKeys(ctx.tenant, accepted.flatMap(issueKeysOf)) };
}

const buildKey = (e: Entity) => `${String(e.pipelineId)}/${String(e.buildNumber)}`;
const deploymentKey = (e: Entity) => `${String((e.pipeline as Entity | undefined)?.id)}/${String((e.environment as Entity | undefined)?.id)}/${String(e.deploymentSequenceNumber)}`;
const byId = (e: Entity) => String(e.id);
const usn = (e: Entity) => num(e.updateSequenceNumber ?? e.updateSequenceId) || 0;
const failedMap = (rejected: Array<{ entity: Entity; message: string }>) => Object.fromEntries(rejected.map((r) => [String(r.entity.id ?? ''), [{ message: r.message }]]));

function workspaceIds(ctx: Ctx): string[] {
  const ids = (objectBody(ctx).workspaceIds ?? []) as unknown;
  if (!Array.isArray(ids) || !ids.length) throw devopsError(400, 'workspaceIds must contain at least one workspace id.');
  return ids.map(String);
}

const workspaceApi = (api: WorkspaceDoc['api']) => ({
  link: (ctx: Ctx) => linkWorkspaces(ctx.tenant, api, appOf(ctx), workspaceIds(ctx), nowIso(ctx)),
  ids: (ctx: Ctx) => linkedWorkspaces(ctx.tenant, api, appOf(ctx)).map((w) => w.workspaceId),
  unlink: (ctx: Ctx) => {
    const ids = listParam(ctx.query.workspaceIds);
    if (!ids.length) throw devopsError(400, 'workspaceIds must contain at least one workspace id.');
    unlinkWorkspaces(ctx.tenant, api, appOf(ctx), ids);
  },
});
const opsWorkspaces = workspaceApi('operations');
const securityWorkspaces = workspaceApi('security');

/** A repository merged with what was already stored: commits, branches and pull requests are kept by id. */
function mergeRepository(old: Entity | undefined, next: Entity): Entity {
  const merged: Entity = { ...(old ?? {}), ...next };
  for (const part of ['commits', 'branches', 'pullRequests']) {
    const byIdMap = new Map<string, Entity>(list(old?.[part]).map((x) => [String(x.id), x]));
    for (const x of list(next[part])) byIdMap.set(String(x.id), x);
    merged[part] = [...byIdMap.values()];
  }
  return merged;
}

const ENTITY_PART: Record<string, string> = { commit: 'commits', branch: 'branches', pull_request: 'pullRequests' };

export const devopsHandlers = {
  // Builds — https://developer.atlassian.com/cloud/jira/software/rest/api-group-builds/
  submitBuilds: (ctx) => {
    const r = submit(ctx, 'build', list(objectBody(ctx).builds), ['pipelineId', 'buildNumber', 'updateSequenceNumber', 'displayName', 'url', 'state', 'lastUpdated', 'issueKeys'], buildKey, usn);
    return {
      status: 202,
      body: {
        acceptedBuilds: r.accepted.map((e) => ({ pipelineId: String(e.pipelineId), buildNumber: num(e.buildNumber) })),
        rejectedBuilds: r.rejected.map((x) => ({ key: { pipelineId: String(x.entity.pipelineId ?? ''), buildNumber: num(x.entity.buildNumber) || 0 }, errors: [{ message: x.message }] })),
        unknownIssueKeys: r.unknown,
      },
    };
  },
  getBuildByKey: (ctx) => found(ctx, 'build', `${ctx.params.pipelineId}/${ctx.params.buildNumber}`, 'build'),
  deleteBuildByKey: (ctx) => removed(ctx, 'build', `${ctx.params.pipelineId}/${ctx.params.buildNumber}`, '_updateSequenceNumber'),
  deleteBuildsByProperty: (ctx) => deleteByQuery(ctx, ['build'], '_updateSequenceNumber'),

  // Deployments — https://developer.atlassian.com/cloud/jira/software/rest/api-group-deployments/
  submitDeployments: (ctx) => {
    const r = submit(ctx, 'deployment', list(objectBody(ctx).deployments), ['deploymentSequenceNumber', 'updateSequenceNumber', 'displayName', 'url', 'lastUpdated', 'state', 'pipeline', 'environment'], deploymentKey, usn);
    return {
      status: 202,
      body: {
        acceptedDeployments: r.accepted.map((e) => ({ pipelineId: String((e.pipeline as Entity).id), environmentId: String((e.environment as Entity).id), deploymentSequenceNumber: num(e.deploymentSequenceNumber) })),
        rejectedDeployments: r.rejected.map((x) => ({ key: { pipelineId: String((x.entity.pipeline as Entity | undefined)?.id ?? ''), environmentId: String((x.entity.environment as Entity | undefined)?.id ?? ''), deploymentSequenceNumber: num(x.entity.deploymentSequenceNumber) || 0 }, errors: [{ message: x.message }] })),
        unknownIssueKeys: r.unknown,
        unknownAssociations: [],
      },
    };
  },
  getDeploymentByKey: (ctx) => found(ctx, 'deployment', `${ctx.params.pipelineId}/${ctx.params.environmentId}/${ctx.params.deploymentSequenceNumber}`, 'deployment'),
  deleteDeploymentByKey: (ctx) => removed(ctx, 'deployment', `${ctx.params.pipelineId}/${ctx.params.environmentId}/${ctx.params.deploymentSequenceNumber}`, '_updateSequenceNumber'),
  deleteDeploymentsByProperty: (ctx) => deleteByQuery(ctx, ['deployment'], '_updateSequenceNumber'),

  // Development information — https://developer.atlassian.com/cloud/jira/software/rest/api-group-development-information/
  storeDevelopmentInformation: (ctx) => {
    const b = objectBody(ctx);
    const props = propertiesOf(b.properties);
    const accepted: Record<string, { commits: string[]; branches: string[]; pullRequests: string[] }> = {};
    const failed: Record<string, Array<{ message: string }>> = {};
    const keys: string[] = [];
    for (const repo of list(b.repositories)) {
      const why = missing(repo, ['id', 'name', 'url', 'updateSequenceId']);
      if (why) {
        failed[String(repo.id ?? '')] = [{ message: why }];
        continue;
      }
      const id = String(repo.id);
      const old = getEntity(ctx.tenant, appOf(ctx), 'repository', id);
      upsert(ctx.tenant, appOf(ctx), 'repository', id, mergeRepository(old?.entity, repo), props, usn(repo));
      accepted[id] = { commits: list(repo.commits).map(byId), branches: list(repo.branches).map(byId), pullRequests: list(repo.pullRequests).map(byId) };
      for (const part of ['commits', 'branches', 'pullRequests']) keys.push(...list(repo[part]).flatMap(issueKeysOf));
    }
    return { status: 202, body: { acceptedDevinfoEntities: accepted, failedDevinfoEntities: failed, unknownIssueKeys: unknownIssueKeys(ctx.tenant, keys) } };
  },
  getRepository: (ctx) => found(ctx, 'repository', String(ctx.params.repositoryId), 'repository'),
  deleteRepository: (ctx) => removed(ctx, 'repository', String(ctx.params.repositoryId), '_updateSequenceId'),
  /** Removes one commit, branch or pull request from a stored repository. */
  deleteEntity: (ctx) => {
    const part = ENTITY_PART[String(ctx.params.entityType)];
    if (!part) throw devopsError(400, `Unknown entity type '${String(ctx.params.entityType)}': expected commit, branch or pull_request.`);
    const repo = getEntity(ctx.tenant, appOf(ctx), 'repository', String(ctx.params.repositoryId));
    if (repo) {
      const entity = { ...repo.entity, [part]: list(repo.entity[part]).filter((x) => String(x.id) !== String(ctx.params.entityId)) };
      upsert(ctx.tenant, appOf(ctx), 'repository', repo.key, entity, repo.properties, repo.sequence);
    }
    return { status: 202 };
  },
  deleteByProperties: (ctx) => deleteByQuery(ctx, ['repository'], '_updateSequenceId'),
  existsByProperties: (ctx) => {
    const props = propertyQuery(ctx, '_updateSequenceId');
    if (!Object.keys(props).length) throw devopsError(400, 'At least one property must be specified.');
    return { body: { hasDataMatchingProperties: byProperties(ctx.tenant, appOf(ctx), ['repository'], props).length > 0 } };
  },

  // DevOps components — https://developer.atlassian.com/cloud/jira/software/rest/api-group-devops-components/
  submitComponents: (ctx) => {
    const r = submit(ctx, 'component', list(objectBody(ctx).components), ['id', 'updateSequenceNumber', 'name', 'url', 'componentType', 'tier', 'lastUpdated'], byId, usn);
    return { status: 202, body: { acceptedComponents: r.accepted.map(byId), failedComponents: failedMap(r.rejected), unknownProjectKeys: [] } };
  },
  getComponentById: (ctx) => found(ctx, 'component', String(ctx.params.componentId), 'component'),
  deleteComponentById: (ctx) => removed(ctx, 'component', String(ctx.params.componentId), undefined, 204),
  deleteComponentsByProperty: (ctx) => deleteByQuery(ctx, ['component'], '_updateSequenceNumber', 204),

  // Feature flags — https://developer.atlassian.com/cloud/jira/software/rest/api-group-feature-flags/
  submitFeatureFlags: (ctx) => {
    const r = submit(ctx, 'featureFlag', list(objectBody(ctx).flags), ['id', 'key', 'updateSequenceId', 'issueKeys', 'summary'], byId, usn);
    return { status: 202, body: { acceptedFeatureFlags: r.accepted.map(byId), failedFeatureFlags: failedMap(r.rejected), unknownIssueKeys: r.unknown } };
  },
  getFeatureFlagById: (ctx) => found(ctx, 'featureFlag', String(ctx.params.featureFlagId), 'feature flag'),
  deleteFeatureFlagById: (ctx) => removed(ctx, 'featureFlag', String(ctx.params.featureFlagId), '_updateSequenceId'),
  deleteFeatureFlagsByProperty: (ctx) => deleteByQuery(ctx, ['featureFlag'], '_updateSequenceId'),

  // Operations — https://developer.atlassian.com/cloud/jira/software/rest/api-group-operations/
  submitOperationsWorkspaces: (ctx) => ({ status: 202, body: { acceptedWorkspaceIds: opsWorkspaces.link(ctx) } }),
  getWorkspaces: (ctx) => {
    const only = listParam(ctx.query.workspaceId);
    return { body: { workspaceIds: opsWorkspaces.ids(ctx).filter((id) => !only.length || only.includes(id)) } };
  },
  deleteWorkspaces: (ctx) => {
    opsWorkspaces.unlink(ctx);
    return { status: 204 };
  },
  submitEntity: (ctx) => {
    const b = objectBody(ctx);
    const required = ['id', 'updateSequenceNumber', 'summary', 'url', 'createdDate', 'lastUpdated', 'status'];
    const incidents = submit(ctx, 'incident', list(b.incidents), required, byId, usn);
    const reviews = submit(ctx, 'review', list(b.reviews), required, byId, usn);
    return {
      status: 202,
      body: { acceptedIncidents: incidents.accepted.map(byId), failedIncidents: failedMap(incidents.rejected), acceptedReviews: reviews.accepted.map(byId), failedReviews: failedMap(reviews.rejected), unknownProjectKeys: [] },
    };
  },
  getIncidentById: (ctx) => found(ctx, 'incident', String(ctx.params.incidentId), 'incident'),
  deleteIncidentById: (ctx) => removed(ctx, 'incident', String(ctx.params.incidentId), undefined, 204),
  getReviewById: (ctx) => found(ctx, 'review', String(ctx.params.reviewId), 'review'),
  deleteReviewById: (ctx) => removed(ctx, 'review', String(ctx.params.reviewId), undefined, 204),
  deleteEntityByProperty: (ctx) => deleteByQuery(ctx, ['incident', 'review'], '_updateSequenceNumber'),

  // Remote links — https://developer.atlassian.com/cloud/jira/software/rest/api-group-remote-links/
  submitRemoteLinks: (ctx) => {
    const r = submit(ctx, 'remoteLink', list(objectBody(ctx).remoteLinks), ['id', 'updateSequenceNumber', 'displayName', 'url', 'type', 'lastUpdated'], byId, usn);
    return { status: 202, body: { acceptedRemoteLinks: r.accepted.map(byId), rejectedRemoteLinks: failedMap(r.rejected), unknownAssociations: r.unknown.map((k) => ({ associationType: 'issueKeys', values: [k] })) } };
  },
  getRemoteLinkById: (ctx) => found(ctx, 'remoteLink', String(ctx.params.remoteLinkId), 'remote link'),
  deleteRemoteLinkById: (ctx) => removed(ctx, 'remoteLink', String(ctx.params.remoteLinkId), '_updateSequenceNumber'),
  deleteRemoteLinksByProperty: (ctx) => deleteByQuery(ctx, ['remoteLink'], '_updateSequenceNumber'),

  // Security information — https://developer.atlassian.com/cloud/jira/software/rest/api-group-security-information/
  submitWorkspaces: (ctx) => {
    securityWorkspaces.link(ctx);
    return { status: 204 };
  },
  getLinkedWorkspaces: (ctx) => ({ body: { workspaceIds: securityWorkspaces.ids(ctx) } }),
  getLinkedWorkspaceById: (ctx) => {
    const w = linkedWorkspaces(ctx.tenant, 'security', appOf(ctx)).find((x) => x.workspaceId === String(ctx.params.workspaceId));
    if (!w) throw devopsError(404, 'No linked workspace found for the given id.');
    return { body: { workspaceId: w.workspaceId, updatedAt: w.updatedAt } };
  },
  deleteLinkedWorkspaces: (ctx) => {
    securityWorkspaces.unlink(ctx);
    return { status: 204 };
  },
  submitVulnerabilities: (ctx) => {
    const r = submit(ctx, 'vulnerability', list(objectBody(ctx).vulnerabilities), ['id', 'updateSequenceNumber', 'containerId', 'displayName', 'url', 'type', 'introducedDate', 'lastUpdated', 'severity', 'status'], byId, usn);
    return { status: 202, body: { acceptedVulnerabilities: r.accepted.map(byId), failedVulnerabilities: failedMap(r.rejected), unknownAssociations: [] } };
  },
  getVulnerabilityById: (ctx) => found(ctx, 'vulnerability', String(ctx.params.vulnerabilityId), 'vulnerability'),
  deleteVulnerabilityById: (ctx) => removed(ctx, 'vulnerability', String(ctx.params.vulnerabilityId), undefined, 204),
  deleteVulnerabilitiesByProperty: (ctx) => deleteByQuery(ctx, ['vulnerability'], '_updateSequenceNumber', 204),
} satisfies Handlers;
