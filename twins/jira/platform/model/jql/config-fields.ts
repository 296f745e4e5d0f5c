// JQL fields whose values live in the site's configuration: component, fixVersion, affectedVersion (with the version functions) and custom fields by `cf[id]` or name.
import type { Tenant } from '../../../../../src/core/tenant.js';
import { adfText } from '../adf.js';
import { customField, typeInfo } from '../custom-fields.js';
import { projectVersions } from '../releases.js';
import { components, findProject, liveCustomFields, users, versions, type CustomFieldDoc, type IssueDoc, type VersionDoc } from '../../../store.js';
import type { FieldSpec, Val } from './evaluate.js';
import { agileFieldSpec } from './agile-fields.js';

const EQ = ['=', '!=', 'in', 'not in', 'is', 'is not'];
const CMP = ['<', '>', '<=', '>='];
const missing = (raw: string, field: string) => `The value '${raw}' does not exist for the field '${field}'.`;

/** Names match case-insensitively, ids exactly; a name shared by several projects matches all of them. */
function byNameOrId<T extends { id: string; name: string; projectId: string }>(t: Tenant, list: T[], raw: string, field: string): Val[] | string {
  const lower = raw.toLowerCase();
  const hits = list.filter((x) => !!findProject(t, x.projectId) && (x.id === raw || x.name.toLowerCase() === lower));
  return hits.length ? hits.map((x) => x.id) : missing(raw, field);
}

/**
 * `releasedVersions()`, `unreleasedVersions()`, `latestReleasedVersion()` and
 * `earliestUnreleasedVersion()`; archived versions are left out, and "latest"
 * and "earliest" follow the project's version order, not release dates.
 * https://support.atlassian.com/jira-software-cloud/docs/jql-functions/
 */
function versionFunction(t: Tenant, name: string, args: string[]): Val[] | string | undefined {
  const fn = name.toLowerCase();
  if (!['releasedversions', 'unreleasedversions', 'latestreleasedversion', 'earliestunreleasedversion'].includes(fn)) return undefined;
  const single = fn === 'latestreleasedversion' || fn === 'earliestunreleasedversion';
  if (single && args.length !== 1) return `Function '${name}' expected '1' arguments but received '${args.length}'.`;
  const projects = [];
  for (const a of args) {
    const p = findProject(t, a) ?? findProject(t, a.toUpperCase());
    if (!p) return `Could not resolve the project '${a}' provided to function '${name}'.`;
    projects.push(p);
  }
  const pool: VersionDoc[] = projects.length
    ? projects.flatMap((p) => projectVersions(t, p.id))
    : versions(t).filter((x) => !!findProject(t, x.projectId));
  const released = fn === 'releasedversions' || fn === 'latestreleasedversion';
  const picked = pool.filter((x) => !x.archived && x.released === released);
  if (fn === 'latestreleasedversion') return picked.slice(-1).map((x) => x.id);
  if (fn === 'earliestunreleasedversion') return picked.slice(0, 1).map((x) => x.id);
  return picked.map((x) => x.id);
}

const versionSpec = (t: Tenant, pick: (i: IssueDoc) => string[] | undefined): FieldSpec => ({
  kind: 'ref',
  ops: EQ,
  many: (i) => pick(i) ?? [],
  // Versions sort by their place in the project's release order.
  sort: (i) => {
    const seqs = (pick(i) ?? []).map((id) => versions(t).get(id)?.sequence).filter((n): n is number => n !== undefined);
    return seqs.length ? Math.min(...seqs) : null;
  },
  resolve: (raw, field) => byNameOrId(t, versions(t).values(), raw, field),
  fn: (name, args) => versionFunction(t, name, args),
});

const dayMs = (d: unknown) => (typeof d === 'string' ? Date.parse(d.length === 10 ? `${d}T00:00:00Z` : d) : null);

/** The JQL behavior of a custom field follows its type's searcher. */
function customSpec(t: Tenant, d: CustomFieldDoc): FieldSpec | undefined {
  const spec = customFilter(t, d);
  return spec && { ...spec, sort: (i) => sortValue(t, d, i.extra?.[d.id]) };
}

/** ORDER BY a custom field: numbers and dates by value, options by their text, users by name, text case-insensitively. */
function sortValue(t: Tenant, d: CustomFieldDoc, v: unknown): string | number | null {
  if (v === undefined || v === null) return null;
  const info = typeInfo(d.type);
  const first = Array.isArray(v) ? v[0] : v;
  if (first === undefined) return null;
  switch (info?.store) {
    case 'number': return Number(first);
    case 'date':
    case 'datetime': return dayMs(first);
    case 'option': return d.options.find((o) => o.id === first)?.value.toLowerCase() ?? null;
    case 'user': return users(t).get(String(first))?.displayName.toLowerCase() ?? null;
    case 'rich': return adfText(first).toLowerCase();
    default: return String(first).toLowerCase();
  }
}

function customFilter(t: Tenant, d: CustomFieldDoc): FieldSpec | undefined {
  const info = typeInfo(d.type);
  if (!info) return undefined;
  const raw = (i: IssueDoc) => i.extra?.[d.id];
  const list = (i: IssueDoc) => (Array.isArray(raw(i)) ? (raw(i) as unknown[]).map(String) : raw(i) === undefined || raw(i) === null ? [] : [String(raw(i))]);
  switch (info.store) {
    case 'text':
    case 'rich':
      return { kind: 'text', ops: ['~', '!~', 'is', 'is not'], get: (i) => (info.store === 'rich' ? adfText(raw(i)) : String(raw(i) ?? '')) || null };
    case 'number':
      return {
        kind: 'number',
        ops: [...EQ, ...CMP],
        get: (i) => (typeof raw(i) === 'number' ? (raw(i) as number) : null),
        resolve: (v, field) => (v.trim() !== '' && Number.isFinite(Number(v)) ? [Number(v)] : `The value '${v}' is not a valid number for the field '${field}'.`),
      };
    case 'date':
    case 'datetime':
      return { kind: 'date', ops: [...EQ.slice(0, 2), ...CMP, 'is', 'is not'], get: (i) => dayMs(raw(i)) };
    case 'label':
      return { kind: 'labels', ops: EQ, many: list };
    case 'user':
      return info.multi ? { kind: 'user', ops: EQ, many: list } : { kind: 'user', ops: EQ, get: (i) => (raw(i) === undefined ? null : String(raw(i))) };
    case 'option': {
      const resolve = (v: string, field: string): Val[] | string => {
        const hits = d.options.filter((o) => o.id === v || o.value.toLowerCase() === v.toLowerCase());
        return hits.length ? hits.map((o) => o.id) : missing(v, field);
      };
      return info.multi ? { kind: 'ref', ops: EQ, many: list, resolve } : { kind: 'ref', ops: EQ, get: (i) => list(i)[0] ?? null, resolve };
    }
  }
}

/** `cf[10000]` or the field's name (case-insensitive) names a custom field. */
export function findCustomField(t: Tenant, name: string): CustomFieldDoc | undefined {
  const cf = /^cf\[(\d+)\]$/i.exec(name.trim());
  if (cf) return customField(t, `customfield_${cf[1]}`);
  const lower = name.toLowerCase();
  return liveCustomFields(t).find((d) => d.name.toLowerCase() === lower);
}

export function configFieldSpec(t: Tenant, name: string): FieldSpec | undefined {
  switch (name.toLowerCase()) {
    case 'component':
      return {
        kind: 'ref',
        ops: EQ,
        many: (i) => i.componentIds ?? [],
        resolve: (raw, field) => byNameOrId(t, components(t).values(), raw, field),
        sort: (i) => (i.componentIds ?? []).map((id) => components(t).get(id)?.name.toLowerCase() ?? '').sort()[0] ?? null,
      };
    case 'fixversion':
      return versionSpec(t, (i) => i.fixVersionIds);
    case 'affectedversion':
      return versionSpec(t, (i) => i.affectedVersionIds);
  }
  const agile = agileFieldSpec(t, name);
  if (agile) return agile;
  const d = findCustomField(t, name);
  return d ? customSpec(t, d) : undefined;
}
