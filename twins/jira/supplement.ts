// Operations of today's Jira Cloud API that the pinned spec predates (enhanced search, statuses by name) and schema fixes, applied to the digest until overlays carry them.
import type { Digest, JsonSchema, OperationDigest, ParameterDigest } from '../../src/core/digest.js';
import type { HandlerMap } from '../../src/core/handler.js';
import { getStatusesByName } from './handlers/meta.js';
import { countIssues, enhancedSearch, searchIds } from './handlers/search.js';

const q = (name: string, schema: Record<string, unknown>, required = false): ParameterDigest => ({ name, in: 'query', required, schema });
const json = (properties: Record<string, unknown>, required: string[] = []) => ({
  required: true,
  content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties, ...(required.length ? { required } : {}) } } },
});
const ok = { '200': {}, '400': {}, '401': {} };
const read: Array<Record<string, string[]>> = [{ basicAuth: [] }, { OAuth2: ['read:jira-work'] }];

const searchBody = {
  jql: { type: 'string' },
  nextPageToken: { type: 'string' },
  maxResults: { type: 'integer', format: 'int32' },
  fields: { type: 'array', items: { type: 'string' } },
  expand: { type: 'string' },
  properties: { type: 'array', items: { type: 'string' } },
  fieldsByKeys: { type: 'boolean' },
  failFast: { type: 'boolean' },
  reconcileIssues: { type: 'array', items: { type: 'integer', format: 'int64' } },
};

/**
 * Shaped like the digest's own entries; each names the reference page it follows.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-status/#api-rest-api-3-statuses-bynames-get
 */
export const SUPPLEMENT: OperationDigest[] = [
  {
    id: 'searchForIssuesUsingJqlEnhancedSearch',
    method: 'get',
    path: '/rest/api/3/search/jql',
    tags: ['Issue search'],
    parameters: [
      q('jql', { type: 'string' }),
      q('nextPageToken', { type: 'string' }),
      q('maxResults', { type: 'integer', format: 'int32', default: 50 }),
      q('fields', { type: 'array', items: { type: 'string' } }),
      q('expand', { type: 'string' }),
      q('properties', { type: 'array', items: { type: 'string' } }),
      q('fieldsByKeys', { type: 'boolean', default: false }),
      q('failFast', { type: 'boolean', default: false }),
      q('reconcileIssues', { type: 'array', items: { type: 'integer', format: 'int64' } }),
    ],
    responses: ok,
    security: read,
    overlay: 'twins/jira/supplement.ts',
  },
  {
    id: 'searchForIssuesUsingJqlEnhancedSearchPost',
    method: 'post',
    path: '/rest/api/3/search/jql',
    tags: ['Issue search'],
    parameters: [],
    requestBody: json(searchBody),
    responses: ok,
    security: read,
    overlay: 'twins/jira/supplement.ts',
  },
  {
    id: 'countIssues',
    method: 'post',
    path: '/rest/api/3/search/approximate-count',
    tags: ['Issue search'],
    parameters: [],
    requestBody: json({ jql: { type: 'string' } }),
    responses: ok,
    security: read,
    overlay: 'twins/jira/supplement.ts',
  },
  {
    id: 'searchForIssuesIds',
    method: 'post',
    path: '/rest/api/3/search/id',
    tags: ['Issue search'],
    parameters: [],
    requestBody: json({ jql: { type: 'string' }, maxResults: { type: 'integer', format: 'int32' }, nextPageToken: { type: 'string' } }),
    responses: ok,
    security: read,
    overlay: 'twins/jira/supplement.ts',
  },
  {
    id: 'getStatusesByName',
    method: 'get',
    path: '/rest/api/3/statuses/byNames',
    tags: ['Status'],
    parameters: [q('name', { type: 'array', items: { type: 'string' } }, true), q('projectId', { type: 'string' })],
    responses: ok,
    security: [{ basicAuth: [] }, { OAuth2: ['manage:jira-configuration'] }],
    overlay: 'twins/jira/supplement.ts',
  },
];

const SUPPLEMENT_HANDLERS: HandlerMap = {
  searchForIssuesUsingJqlEnhancedSearch: (ctx) => enhancedSearch(ctx, ctx.query),
  searchForIssuesUsingJqlEnhancedSearchPost: (ctx) => enhancedSearch(ctx, (ctx.body ?? {}) as Record<string, unknown>),
  countIssues,
  searchForIssuesIds: searchIds,
  getStatusesByName,
};

/**
 * The supplement's handlers under the ids the digest uses. Once an overlay
 * brings these operations in, they may carry another id (Atlassian's current
 * spec calls `GET /search/jql` `searchAndReconsileIssuesUsingJql`); the
 * behavior follows the method and path, not the name.
 */
export function supplementHandlers(digest: Digest): HandlerMap {
  const out: HandlerMap = {};
  for (const op of SUPPLEMENT) {
    const inDigest = digest.operations.find((o) => o.method === op.method && o.path === op.path);
    out[inDigest?.id ?? op.id] = SUPPLEMENT_HANDLERS[op.id];
  }
  return out;
}

/**
 * Schema corrections, each with its reason; applied only while the digest
 * still has the defect, so an overlay that fixes it makes the patch inert.
 */
const SCHEMA_PATCHES: Array<{ schema: string; reason: string; applies(s: JsonSchema): boolean; patch(s: JsonSchema): JsonSchema }> = [
  {
    schema: 'User',
    // "If accountId is set to null, the issue is set to unassigned" — PUT /issue/{key}/assignee.
    reason: 'User.accountId is null when unassigning an issue',
    applies: (s) => !(s.properties as Record<string, JsonSchema>)?.accountId?.nullable,
    patch: (s) => ({ ...s, properties: { ...(s.properties as object), accountId: { ...(s.properties as Record<string, JsonSchema>).accountId, nullable: true } } }),
  },
  {
    schema: 'FieldDetails',
    // GET /field answers carry `untranslatedName` for custom fields (the name before translation).
    reason: 'field details carry untranslatedName',
    applies: (s) => !(s.properties as Record<string, JsonSchema>)?.untranslatedName,
    patch: (s) => ({ ...s, properties: { ...(s.properties as object), untranslatedName: { type: 'string' } } }),
  },
  {
    schema: 'Field',
    // Trashed-field searches answer with when, by whom and until when a field sits in the trash.
    reason: 'trashed fields carry trashedDate, trashedBy and plannedDeletionDate',
    applies: (s) => !(s.properties as Record<string, JsonSchema>)?.trashedDate,
    patch: (s) => ({ ...s, properties: { ...(s.properties as object), trashedDate: { type: 'string' }, trashedBy: { type: 'object' }, plannedDeletionDate: { type: 'string' } } }),
  },
  {
    schema: 'UpdateProjectDetails',
    reason: 'the current spec accepts releasedProjectKeys (keys that stop resolving to the project) on project updates',
    applies: (s) => !(s.properties as Record<string, JsonSchema>)?.releasedProjectKeys,
    patch: (s) => ({ ...s, properties: { ...(s.properties as object), releasedProjectKeys: { type: 'array', items: { type: 'string' } } } }),
  },
];

/** Operation corrections, inert once the digest (or an overlay) carries the fix. */
const OPERATION_PATCHES: Array<{ id: string; reason: string; applies(o: OperationDigest): boolean; patch(o: OperationDigest): OperationDigest }> = [
  {
    id: 'addAttachment',
    // The spec types the whole multipart body as one binary string; it is a form whose `file` parts hold the files.
    reason: 'the multipart body is a form with `file` parts, not a single binary string',
    applies: (o) => (o.requestBody?.content?.['multipart/form-data']?.schema as JsonSchema | undefined)?.type === 'string',
    patch: (o) => ({
      ...o,
      requestBody: { ...o.requestBody!, content: { ...o.requestBody!.content, 'multipart/form-data': { schema: { type: 'object', properties: { file: {} } } } } },
    }),
  },
];

/** The digest plus the supplement's operations it lacks (by method and path) and the schema patches it still needs. */
export function withSupplement(digest: Digest): Digest {
  const have = new Set(digest.operations.map((o) => `${o.method} ${o.path}`));
  const ids = new Set(digest.operations.map((o) => o.id));
  const extra = SUPPLEMENT.filter((o) => !have.has(`${o.method} ${o.path}`) && !ids.has(o.id));
  const schemas = { ...digest.schemas };
  const file = 'twins/jira/supplement.ts';
  // Recorded with the digest's own overlays, so coverage and reports show what was added and why.
  const overlays = [...digest.overlays];
  if (extra.length) overlays.push({ file, reason: `operations of the current Jira Cloud spec missing from the pinned one: ${extra.map((o) => o.id).join(', ')}` });
  for (const p of SCHEMA_PATCHES) {
    if (!schemas[p.schema] || !p.applies(schemas[p.schema])) continue;
    schemas[p.schema] = p.patch(schemas[p.schema]);
    overlays.push({ file, reason: `${p.schema}: ${p.reason}` });
  }
  const operations = digest.operations.map((o) => {
    const p = OPERATION_PATCHES.find((x) => x.id === o.id && x.applies(o));
    if (!p) return o;
    overlays.push({ file, reason: `${o.id}: ${p.reason}` });
    return p.patch(o);
  });
  return { ...digest, operations: [...operations, ...extra], schemas, overlays };
}
