// Applying `fields` and `update` operations to an issue (create, edit, transition screens), with Jira's per-field errors and changelog items.
import type { Tenant } from '../../../../src/core/tenant.js';
import { adfText, isAdfDoc } from './adf.js';
import { fieldErrors, MSG } from '../../errors.js';
import { SETTABLE } from './fields.js';
import { fieldConfigErrors } from './field-configurations.js';
import { priorityAllowed } from './priority-schemes.js';
import { hasPermission, levelAdmits, securityLevels } from './permissions.js';
import { applyRef, isRefField, refItems } from './issue-refs.js';
import {
  errorMap, findIssue, findProject, isJiraDate, issueTypes, priorities, projects, resolutions, users,
  type ChangeItem, type IssueDoc, type ProjectDoc,
} from '../../store.js';

export type Mode = 'create' | 'edit' | 'transition';

export interface EditInput {
  fields: Record<string, unknown>;
  update: Record<string, unknown[]>;
}

export interface EditEnv {
  t: Tenant;
  nowIso: string;
  actor: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The `fields`/`update` parts of an IssueUpdateDetails body, shape-checked. */
export function editInput(body: unknown): EditInput {
  const b = isObj(body) ? body : {};
  const fields = isObj(b.fields) ? b.fields : {};
  const update: Record<string, unknown[]> = {};
  // Made only for a refusal: most bodies have no `update`, or only lists in it.
  let errors: Record<string, string> | undefined;
  if (isObj(b.update)) {
    for (const [k, v] of Object.entries(b.update)) {
      if (Array.isArray(v)) update[k] = v;
      else (errors ??= errorMap())[k] = `Field '${k}': the update must be a list of operations.`;
    }
  }
  if (errors) throw fieldErrors(errors);
  return { fields, update };
}

/** Which fields each screen offers. Simplified workflows have no transition screens, except resolution on done. */
function allowed(t: Tenant, mode: Mode, field: string): boolean {
  if (mode === 'transition') return field === 'resolution' || field === 'assignee' || field === 'comment';
  if (field === 'comment') return mode === 'edit';
  if (field === 'resolution') return false;
  if (field === 'project') return mode === 'create';
  return SETTABLE.has(field) || isRefField(t, field);
}

const ref = (v: unknown): string | undefined => {
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (isObj(v)) for (const k of ['id', 'key', 'name', 'accountId']) if (typeof v[k] === 'string' || typeof v[k] === 'number') return String(v[k]);
  return undefined;
};

/**
 * Applies input to `issue` in place (all or nothing). Returns changelog items
 * and comment bodies to add; throws Jira's 400 ErrorCollection on bad input.
 */
export function applyInput(env: EditEnv, issue: IssueDoc, input: EditInput, mode: Mode): { items: ChangeItem[]; comments: Array<Record<string, unknown>> } {
  const { t } = env;
  // Edits work on a copy so a refused input leaves the issue as it was; a creation's issue is new and
  // unshared, and is dropped whole when its input is refused, so it is filled in place. The history is
  // not part of the issue (the caller appends the change group to the changelog collection).
  const w: IssueDoc = mode === 'create' ? issue : structuredClone(issue);
  const errors = errorMap();
  const comments: Array<Record<string, unknown>> = [];
  const project = projects(t).get(w.projectId) as ProjectDoc;

  const user = (field: string, v: unknown): string | null | undefined => {
    if (v === null) return null;
    const id = isObj(v) ? (v.accountId ?? v.id) : undefined;
    if (id === '-1' && field === 'assignee') return project.assigneeType === 'PROJECT_LEAD' ? project.leadAccountId : null;
    const u = typeof id === 'string' ? users(t).get(id) : undefined;
    if (!u || !u.active) {
      errors[field] = `Specify a valid value for ${field}`;
      return undefined;
    }
    return u.accountId;
  };

  const set = (field: string, v: unknown): void => {
    switch (field) {
      case 'summary': {
        if (typeof v !== 'string' || !v.trim()) errors.summary = MSG.summaryRequired;
        else if (/[\r\n]/.test(v)) errors.summary = 'The summary is invalid because it contains newline characters.';
        else if (v.length > 255) errors.summary = MSG.summaryTooLong;
        else w.summary = v;
        return;
      }
      case 'description':
      case 'environment': {
        if (v !== null && !isAdfDoc(v)) errors[field] = MSG.adfRequired;
        else w[field] = v;
        return;
      }
      case 'labels': {
        if (!Array.isArray(v) || v.some((l) => typeof l !== 'string')) errors.labels = 'Labels must be a list of strings.';
        else {
          const bad = labelError(v as string[]);
          if (bad) errors.labels = bad;
          else w.labels = [...new Set(v as string[])];
        }
        return;
      }
      case 'assignee':
      case 'reporter': {
        const id = user(field, v);
        if (id !== undefined) w[field === 'assignee' ? 'assigneeId' : 'reporterId'] = id;
        return;
      }
      case 'priority': {
        const key = ref(v);
        const p = key ? (priorities(t).get(key) ?? priorities(t).find((x) => x.name.toLowerCase() === key.toLowerCase())) : undefined;
        if (v === null) w.priorityId = null;
        // Only the priorities of the project's priority scheme may be chosen.
        else if (!p || !priorityAllowed(t, project.id, p.id)) errors.priority = 'The priority selected is invalid.';
        else w.priorityId = p.id;
        return;
      }
      case 'duedate': {
        if (v === null || v === '') w.dueDate = null;
        else if (!isJiraDate(v)) errors.duedate = `Error parsing date string: ${String(v)}`;
        else w.dueDate = v;
        return;
      }
      case 'issuetype': {
        const key = ref(v);
        const it = key ? (issueTypes(t).get(key) ?? issueTypes(t).find((x) => x.name.toLowerCase() === key.toLowerCase())) : undefined;
        if (!it || !project.issueTypeIds.includes(it.id)) errors.issuetype = key ? MSG.issueTypeInvalid : MSG.issueTypeRequired;
        else w.issueTypeId = it.id;
        return;
      }
      case 'parent': {
        if (v === null) w.parentId = null;
        else {
          const p = findIssue(t, ref(v));
          if (!p || p.projectId !== w.projectId || p.id === w.id) errors.parent = 'Could not find issue by id or key.';
          else w.parentId = p.id;
        }
        return;
      }
      case 'resolution': {
        const key = ref(v);
        const r = key ? (resolutions(t).get(key) ?? resolutions(t).find((x) => x.name.toLowerCase() === key.toLowerCase())) : undefined;
        if (!r) errors.resolution = 'Specify a valid resolution';
        else w.resolutionId = r.id;
        return;
      }
      case 'security': {
        // A level of the project's scheme that the user is a member of, set by someone holding Set Issue Security.
        const actor = users(t).get(env.actor);
        if (!actor || !hasPermission(t, actor, 'SET_ISSUE_SECURITY', project)) {
          errors.security = MSG.unknownField('security');
          return;
        }
        const level = v === null ? undefined : securityLevels(t).get(ref(v) ?? '');
        if (v === null) w.securityLevelId = null;
        else if (!level || level.schemeId !== project.securitySchemeId || !levelAdmits(t, level.id, actor, project, w)) errors.security = 'Security level: Security Level is invalid.';
        else w.securityLevelId = level.id;
        return;
      }
      case 'project':
        return; // resolved before the issue existed
      default:
        if (isRefField(t, field)) applyRef(t, w, field, 'set', v, errors);
        else errors[field] = MSG.unknownField(field);
    }
  };

  for (const [field, v] of Object.entries(input.fields)) {
    if (!allowed(t, mode, field)) errors[field] = MSG.unknownField(field);
    else set(field, v);
  }
  for (const [field, ops] of Object.entries(input.update)) {
    if (!allowed(t, mode, field)) {
      errors[field] = MSG.unknownField(field);
      continue;
    }
    for (const op of ops) {
      const [verb, value] = isObj(op) ? (Object.entries(op)[0] ?? []) : [];
      if (field === 'comment' && verb === 'add' && isObj(value)) {
        if (!isAdfDoc(value.body)) errors.comment = MSG.adfRequired;
        else comments.push(value);
      } else if (field === 'labels' && (verb === 'add' || verb === 'remove')) {
        if (typeof value !== 'string') errors.labels = 'Labels must be strings.';
        else if (verb === 'add') {
          const bad = labelError([value]);
          if (bad) errors.labels = bad;
          else if (!w.labels.includes(value)) w.labels.push(value);
        } else w.labels = w.labels.filter((l) => l !== value);
      } else if (isRefField(t, field)) applyRef(t, w, field, String(verb), value, errors);
      else if (verb === 'set') set(field, value);
      else errors[field] = `Field '${field}' does not support the '${String(verb)}' operation.`;
    }
  }
  if (mode !== 'transition') fieldConfigErrors(t, w, [...Object.keys(input.fields), ...Object.keys(input.update)], mode, errors, MSG.unknownField);
  if (mode === 'create') {
    if (!w.summary && !errors.summary) errors.summary = MSG.summaryRequired;
    if (!w.issueTypeId && !errors.issuetype) errors.issuetype = MSG.issueTypeRequired;
  }
  if (Object.keys(errors).length) throw fieldErrors(errors);
  checkHierarchy(t, w, errors);
  if (Object.keys(errors).length) throw fieldErrors(errors);
  const items = mode === 'create' ? [] : diff(t, issue, w);
  if (w !== issue) Object.assign(issue, w);
  return { items, comments };
}

function labelError(labels: string[]): string | undefined {
  for (const l of labels) {
    if (!l) return 'Labels cannot be empty.';
    if (/\s/.test(l)) return `The label '${l}' contains spaces which is invalid.`;
    if (l.length > 255) return `The label '${l}' exceeds the 255 characters limit.`;
  }
  return undefined;
}

/** Sub-tasks need a parent one level up; other parents must sit exactly one hierarchy level above. */
function checkHierarchy(t: Tenant, w: IssueDoc, errors: Record<string, string>): void {
  const type = issueTypes(t).get(w.issueTypeId);
  if (!type) return;
  if (type.subtask && !w.parentId) {
    errors.parent = 'Sub-task issues must have a parent.';
    return;
  }
  if (!w.parentId) return;
  const parentType = issueTypes(t).get(findIssue(t, w.parentId)?.issueTypeId ?? '');
  if (!parentType || parentType.hierarchyLevel !== type.hierarchyLevel + 1) {
    errors.parent = 'Given parent work item does not belong to appropriate hierarchy.';
  }
}

/** Changelog items for what an edit changed, as Jira records them (ids in from/to, names in the strings). */
function diff(t: Tenant, a: IssueDoc, b: IssueDoc): ChangeItem[] {
  const items: ChangeItem[] = [];
  const push = (field: string, from: string | null, fromString: string | null, to: string | null, toString: string | null, fieldId = field) => {
    if (from !== to || fromString !== toString) items.push({ field, fieldtype: 'jira', fieldId, from, fromString, to, toString });
  };
  const userName = (id: string | null) => (id ? (users(t).get(id)?.displayName ?? null) : null);
  const prio = (id: string | null) => (id ? (priorities(t).get(id)?.name ?? null) : null);
  const type = (id: string) => issueTypes(t).get(id)?.name ?? null;
  const key = (id: string | null) => (id ? (findIssue(t, id)?.key ?? null) : null);
  push('summary', null, a.summary, null, b.summary);
  if (JSON.stringify(a.description) !== JSON.stringify(b.description)) push('description', null, adfText(a.description) || null, null, adfText(b.description) || null);
  if (JSON.stringify(a.environment) !== JSON.stringify(b.environment)) push('environment', null, adfText(a.environment) || null, null, adfText(b.environment) || null);
  if (a.labels.join(' ') !== b.labels.join(' ')) push('labels', null, a.labels.join(' ') || null, null, b.labels.join(' ') || null);
  push('assignee', a.assigneeId, userName(a.assigneeId), b.assigneeId, userName(b.assigneeId));
  push('reporter', a.reporterId, userName(a.reporterId), b.reporterId, userName(b.reporterId));
  push('priority', a.priorityId, prio(a.priorityId), b.priorityId, prio(b.priorityId));
  push('duedate', a.dueDate, a.dueDate, b.dueDate, b.dueDate);
  push('issuetype', a.issueTypeId, type(a.issueTypeId), b.issueTypeId, type(b.issueTypeId));
  push('IssueParentAssociation', a.parentId, key(a.parentId), b.parentId, key(b.parentId), 'parent');
  items.push(...refItems(t, a, b));
  const level = (id: string | null | undefined) => (id ? (securityLevels(t).get(id)?.name ?? null) : null);
  push('security', a.securityLevelId ?? null, level(a.securityLevelId), b.securityLevelId ?? null, level(b.securityLevelId));
  push('resolution', a.resolutionId, a.resolutionId && (resolutions(t).get(a.resolutionId)?.name ?? null), b.resolutionId, b.resolutionId && (resolutions(t).get(b.resolutionId)?.name ?? null));
  return items;
}

/** Resolves the project of a create request (`{key}`, `{id}` or a bare id/key). */
export function projectOfInput(t: Tenant, fields: Record<string, unknown>): ProjectDoc {
  const project = findProject(t, ref(fields.project));
  if (!project) throw fieldErrors({ project: MSG.projectRequired });
  return project;
}
