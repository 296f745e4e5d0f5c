// JQL fields Jira Software adds: sprint (with openSprints(), closedSprints(), futureSprints()), Rank for ORDER BY, and "Epic Link".
import type { Tenant } from '../../../../../src/core/tenant.js';
import { findIssue, issues, issueTypes, sprints, type IssueDoc, type SprintDoc } from '../../../store.js';
import { issueRank } from '../rank.js';
import type { FieldSpec, Val } from './evaluate.js';

const EQ = ['=', '!=', 'in', 'not in', 'is', 'is not'];

const SPRINT_FUNCTIONS: Record<string, (s: SprintDoc) => boolean> = {
  opensprints: (s) => s.state !== 'closed',
  closedsprints: (s) => s.state === 'closed',
  futuresprints: (s) => s.state === 'future',
};

function sprintSpec(t: Tenant): FieldSpec {
  return {
    kind: 'ref',
    ops: EQ,
    many: (i) => i.sprintIds ?? [],
    // Sprints match by id, else by name (case-insensitively).
    resolve: (raw, field) => {
      const lower = raw.toLowerCase();
      const hits = sprints(t).filter((s) => s.id === raw || s.name.toLowerCase() === lower);
      return hits.length ? hits.map((s) => s.id) : `The value '${raw}' does not exist for the field '${field}'.`;
    },
    fn: (name, args) => {
      const pick = SPRINT_FUNCTIONS[name.toLowerCase()];
      if (!pick) return undefined;
      if (args.length) return `Function '${name}' expected '0' arguments but received '${args.length}'.`;
      return sprints(t).filter(pick).map((s) => s.id);
    },
    sort: (i) => {
      const last = i.sprintIds?.[i.sprintIds.length - 1];
      return last ? Number(last) : null;
    },
  };
}

const isEpic = (t: Tenant, i: IssueDoc | undefined) => !!i && issueTypes(t).get(i.issueTypeId)?.name === 'Epic';

function epicLinkSpec(t: Tenant): FieldSpec {
  return {
    kind: 'ref',
    ops: EQ,
    get: (i): Val => {
      const parent = i.parentId ? issues(t).get(i.parentId) : undefined;
      return isEpic(t, parent) ? parent!.id : null;
    },
    resolve: (raw, field) => {
      const e = findIssue(t, raw);
      return isEpic(t, e) ? [e!.id] : `The value '${raw}' does not exist for the field '${field}'.`;
    },
  };
}

export function agileFieldSpec(t: Tenant, name: string): FieldSpec | undefined {
  switch (name.toLowerCase()) {
    case 'sprint':
      return sprintSpec(t);
    case 'rank':
      return { kind: 'number', ops: [], sort: (i) => issueRank(i) };
    case 'epic link':
    case '"epic link"':
      return epicLinkSpec(t);
  }
  return undefined;
}
