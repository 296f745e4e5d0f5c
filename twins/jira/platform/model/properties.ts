// Entity properties: arbitrary JSON values stored by key on issues, projects, issue types, users, comments, worklogs and dashboard items.
import type { Tenant } from '../../../../src/core/tenant.js';
import type { Doc } from '../../../../src/core/tenant.js';

export type PropertyOwner = 'issue' | 'project' | 'issuetype' | 'user' | 'comment' | 'worklog' | 'dashboarditem' | 'usernav' | 'board' | 'sprint' | 'usercolumns' | 'nav4' | 'app';

export interface PropertyDoc extends Doc {
  /** The property key (the document id). */
  value: unknown;
}

/** Jira's limits: keys up to 255 characters, values up to 32 768 bytes of JSON. */
export const MAX_KEY = 255;
export const MAX_VALUE_BYTES = 32768;

const bag = (t: Tenant, owner: PropertyOwner, id: string) => t.collection<PropertyDoc>(`jira:properties:${owner}:${id}`);

export const propertyKeys = (t: Tenant, owner: PropertyOwner, id: string): string[] => bag(t, owner, id).values().map((p) => p.id);

export function getProperty(t: Tenant, owner: PropertyOwner, id: string, key: string): PropertyDoc | undefined {
  return bag(t, owner, id).get(key);
}

/** Stores the value, replacing any earlier one whole; answers whether the key is new. */
export function setProperty(t: Tenant, owner: PropertyOwner, id: string, key: string, value: unknown): boolean {
  const b = bag(t, owner, id);
  const created = !b.has(key);
  b.put({ id: key, value: structuredClone(value) });
  return created;
}

export function deleteProperty(t: Tenant, owner: PropertyOwner, id: string, key: string): boolean {
  return bag(t, owner, id).delete(key);
}

/** Why a key or value is refused, in Jira's words (undefined when acceptable). */
export function propertyProblem(key: string, value: unknown): string | undefined {
  if (!key.trim()) return 'The property key cannot be empty.';
  if (key.length > MAX_KEY) return `The property key is too long. The maximum allowed length is ${MAX_KEY} characters.`;
  if (value === undefined) return 'The property value cannot be empty.';
  if (Buffer.byteLength(JSON.stringify(value), 'utf8') > MAX_VALUE_BYTES) return `The property value is too long. The maximum allowed length is ${MAX_VALUE_BYTES} bytes.`;
  return undefined;
}
