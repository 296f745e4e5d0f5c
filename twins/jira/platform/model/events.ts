// The site's event interface: changes the API makes (issues, comments, worklogs, links, sprints, boards, projects, versions) announced to subscribers (webhook delivery).
import type { Tenant } from '../../../../src/core/tenant.js';
import type { BoardDoc, ChangeGroup, CommentDoc, IssueDoc, IssueLinkDoc, ProjectDoc, SprintDoc, VersionDoc, WorklogDoc } from '../../store.js';

/** One change, with the documents it touched (a deleted issue is announced before it is removed, so its fields can still be shown). */
export type SiteEvent = { actorId: string; baseUrl: string } & (
  | { kind: 'issue'; action: 'created' | 'updated' | 'deleted'; issue: IssueDoc; changelog?: ChangeGroup; comment?: CommentDoc; typeName?: string }
  | { kind: 'comment'; action: 'created' | 'updated' | 'deleted'; issue: IssueDoc; comment: CommentDoc }
  | { kind: 'worklog'; action: 'created' | 'updated' | 'deleted'; issue: IssueDoc; worklog: WorklogDoc }
  | { kind: 'issuelink'; action: 'created' | 'deleted'; link: IssueLinkDoc }
  | { kind: 'sprint'; action: 'created' | 'updated' | 'started' | 'closed' | 'deleted'; sprint: SprintDoc; old?: SprintDoc }
  | { kind: 'board'; action: 'created' | 'updated' | 'deleted' | 'configuration_changed'; board: BoardDoc }
  | { kind: 'project'; action: 'created' | 'updated' | 'deleted'; project: ProjectDoc }
  | { kind: 'version'; action: 'created' | 'updated' | 'released' | 'unreleased' | 'moved' | 'deleted'; version: VersionDoc }
);

/**
 * Listeners run synchronously inside the request that made the change and must read what they need then
 * (the documents are live and may change or vanish right after), and only schedule slow work.
 */
export type SiteEventListener = (tenant: Tenant, event: SiteEvent) => void;

/** Whether a listener wants a tenant's events at all (webhook delivery: only a site with webhooks). */
export type SiteEventInterest = (tenant: Tenant) => boolean;

const listeners = new Map<SiteEventListener, SiteEventInterest>();

/**
 * Subscribes to the events of the tenants `interested` says it may want (a cheap test, so a change nobody
 * listens for is not announced); returns the unsubscribe.
 */
export function onSiteEvent(listener: SiteEventListener, interested: SiteEventInterest): () => void {
  listeners.set(listener, interested);
  return () => listeners.delete(listener);
}

/** Whether any listener may want the tenant's events; when none does, the event need not be made. */
export function heard(tenant: Tenant): boolean {
  for (const interested of listeners.values()) if (interested(tenant)) return true;
  return false;
}

/** Announces one change to every listener interested in the tenant. */
export function announce(tenant: Tenant, event: SiteEvent): void {
  for (const [l, interested] of listeners) if (interested(tenant)) l(tenant, event);
}
