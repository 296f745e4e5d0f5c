// Jira Software's DevOps data from apps (builds, deployments, repositories, components, feature flags, incidents, reviews, remote links, vulnerabilities, linked workspaces): stored per providing app, ordered by update sequence numbers, tagged with properties.
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { findIssue } from '../../store.js';

export type DevopsKind = 'build' | 'deployment' | 'repository' | 'component' | 'featureFlag' | 'incident' | 'review' | 'remoteLink' | 'vulnerability';

export interface DevopsDoc extends Doc {
  kind: DevopsKind;
  /** The providing app: each app reads and deletes only its own data. */
  app: string;
  key: string;
  entity: Record<string, unknown>;
  /** The submission's `properties`, which bulk deletes select by. */
  properties: Record<string, string>;
  sequence: number;
}

export interface WorkspaceDoc extends Doc {
  api: 'operations' | 'security';
  app: string;
  workspaceId: string;
  updatedAt: string;
}

const entities = (t: Tenant) => t.collection<DevopsDoc>('jira:devops');
const workspaces = (t: Tenant) => t.collection<WorkspaceDoc>('jira:devops-workspaces');
const idOf = (app: string, kind: DevopsKind, key: string) => `${app}|${kind}|${key}`;

/** Submission properties as strings (Jira keeps them as string pairs). */
export function propertiesOf(raw: unknown): Record<string, string> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  return Object.fromEntries(Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

/**
 * Stores an entity unless the app already sent a newer one: Jira keeps the highest update sequence number and
 * drops older updates while still accepting them. https://developer.atlassian.com/cloud/jira/software/rest/api-group-builds/#api-rest-builds-0-1-bulk-post
 */
export function upsert(t: Tenant, app: string, kind: DevopsKind, key: string, entity: Record<string, unknown>, properties: Record<string, string>, sequence: number): DevopsDoc {
  const id = idOf(app, kind, key);
  const old = entities(t).get(id);
  if (old && old.sequence > sequence) return old;
  return entities(t).put({ id, kind, app, key, entity, properties, sequence });
}

export const getEntity = (t: Tenant, app: string, kind: DevopsKind, key: string) => entities(t).get(idOf(app, kind, key));

/** Deletes one entity; with `below`, only when its sequence number is lower (Jira's `_updateSequenceNumber`). */
export function deleteEntity(t: Tenant, app: string, kind: DevopsKind, key: string, below?: number): boolean {
  const e = entities(t).get(idOf(app, kind, key));
  if (!e || (below !== undefined && e.sequence >= below)) return false;
  entities(t).delete(e.id);
  return true;
}

/** The app's entities of these kinds tagged with every given property. */
export function byProperties(t: Tenant, app: string, kinds: DevopsKind[], props: Record<string, string>): DevopsDoc[] {
  return entities(t).filter((e) => e.app === app && kinds.includes(e.kind) && Object.entries(props).every(([k, v]) => e.properties[k] === v));
}

export function deleteByProperties(t: Tenant, app: string, kinds: DevopsKind[], props: Record<string, string>, below?: number): number {
  const hit = byProperties(t, app, kinds, props).filter((e) => below === undefined || e.sequence < below);
  for (const e of hit) entities(t).delete(e.id);
  return hit.length;
}

/** Issue keys an entity names that are not on the site (Jira answers them as `unknownIssueKeys`). */
export function unknownIssueKeys(t: Tenant, keys: unknown[]): string[] {
  return [...new Set(keys.map(String))].filter((k) => !findIssue(t, k));
}

export function linkWorkspaces(t: Tenant, api: WorkspaceDoc['api'], app: string, ids: string[], at: string): string[] {
  for (const workspaceId of ids) workspaces(t).put({ id: `${api}|${app}|${workspaceId}`, api, app, workspaceId, updatedAt: at });
  return ids;
}

export const linkedWorkspaces = (t: Tenant, api: WorkspaceDoc['api'], app: string) => workspaces(t).filter((w) => w.api === api && w.app === app);

export function unlinkWorkspaces(t: Tenant, api: WorkspaceDoc['api'], app: string, ids: string[]): void {
  for (const id of ids) workspaces(t).delete(`${api}|${app}|${id}`);
}
