// Org resources with an ACTIVE/INACTIVE lifecycle or plain CRUD: log streams, behavior rules, SSF receivers, realms.
import { notFound, validationError } from '../errors.js';
import { checkStreamSettings, LOG_STREAM_SCHEMAS } from '../model/log-stream-schemas.js';
import { resource } from './status-resources.js';
import type { OpContext } from '../../../src/core/handler.js';
import type { Handlers } from '../generated/operations.js';

/** Okta's log stream types (Log Streaming API, LogStreamType). */
const LOG_STREAM_TYPES = Object.keys(LOG_STREAM_SCHEMAS);
/** Okta's behavior detection rule types (Behavior Rules API, BehaviorRuleType). */
const BEHAVIOR_TYPES = ['ANOMALOUS_LOCATION', 'ANOMALOUS_DEVICE', 'ANOMALOUS_IP', 'VELOCITY'];

/** The behavior rules every org starts with (Okta help, "Behavior detection": New City/Country/State/Geo-Location/Device/IP, Velocity). */
const location = (name: string, granularity: string, extra: Record<string, unknown> = {}) => ({
  name, type: 'ANOMALOUS_LOCATION', status: 'ACTIVE', settings: { maxEventsUsedForEvaluation: 20, minEventsNeededForEvaluation: 0, granularity, ...extra },
});
const DEFAULT_BEHAVIORS = [
  location('New City', 'CITY'),
  location('New Country', 'COUNTRY'),
  location('New State', 'SUBDIVISION'),
  location('New Geo-Location', 'LAT_LONG', { radiusKilometers: 20 }),
  { name: 'New Device', type: 'ANOMALOUS_DEVICE', status: 'ACTIVE', settings: { maxEventsUsedForEvaluation: 20, minEventsNeededForEvaluation: 0 } },
  { name: 'New IP', type: 'ANOMALOUS_IP', status: 'ACTIVE', settings: { maxEventsUsedForEvaluation: 50, minEventsNeededForEvaluation: 0 } },
  { name: 'Velocity', type: 'VELOCITY', status: 'ACTIVE', settings: { velocityKph: 805 } },
];

/** A log stream type's settings schema, as the Schemas API publishes it. */
function presentSchema(ctx: OpContext, type: string) {
  const s = LOG_STREAM_SCHEMAS[type];
  const id = `${ctx.baseUrl}/api/v1/meta/schemas/logStream/${type}`;
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', id, title: s.title, type: 'object', properties: s.properties, required: s.required, _links: { self: { href: id, method: 'GET', rel: 'self' } } };
}

export const lifecycleResourceHandlers = {
  listLogStreamSchemas: (ctx) => ({ status: 200, body: Object.keys(LOG_STREAM_SCHEMAS).map((type) => presentSchema(ctx, type)) }),
  getLogStreamSchema: (ctx) => {
    if (!LOG_STREAM_SCHEMAS[ctx.params.logStreamType]) throw notFound(ctx.params.logStreamType, 'LogStreamSchema');
    return { status: 200, body: presentSchema(ctx, ctx.params.logStreamType) };
  },
  ...resource({
    // A log stream is an app instance to Okta (its 404 names `AppInstance`); it starts ACTIVE whatever status is sent,
    // and activate/deactivate answer an empty 200 (okta-sdk-python cassettes test_log_stream_it).
    collection: '/api/v1/logStreams', prefix: '0oa', param: 'logStreamId', typeName: 'LogStream', notFoundAs: 'AppInstance', required: ['name', 'type', 'settings'], immutable: ['type'], events: 'log_stream',
    ignoreStatusOnCreate: true, emptyLifecycle: true,
    ops: { list: 'listLogStreams', create: 'createLogStream', get: 'getLogStream', replace: 'replaceLogStream', delete: 'deleteLogStream', activate: 'activateLogStream', deactivate: 'deactivateLogStream' },
    extra: (doc, _body, prev) => {
      if (!LOG_STREAM_TYPES.includes(String(doc.type))) throw validationError('type', 'Does not match required pattern');
      checkStreamSettings(String(doc.type), doc.settings, prev?.settings as Record<string, unknown> | undefined);
      // A Splunk HEC token is write-only, as Okta never returns it.
      const settings = doc.settings as Record<string, unknown> | undefined;
      if (settings) delete settings.token;
    },
  }),
  ...resource({
    collection: '/api/v1/behaviors', prefix: 'bhv', param: 'behaviorId', typeName: 'Behavior', required: ['name', 'type'], immutable: ['type'],
    ignoreStatusOnCreate: true, defaults: DEFAULT_BEHAVIORS,
    // Okta pages behavior rules 10 at a time in name order, its `after` cursor naming the last rule (okta-sdk-python
    // cassette test_behavior_rules_it: Link rel="next" …/behaviors?after=<name>&limit=10; okta-sdk-nodejs test/it
    // behavior-rule.ts expects several pages for an org's rules without asking for a limit).
    paging: { defaultLimit: 10, orderBy: 'name' },
    ops: { list: 'listBehaviorDetectionRules', create: 'createBehaviorDetectionRule', get: 'getBehaviorDetectionRule', replace: 'replaceBehaviorDetectionRule', delete: 'deleteBehaviorDetectionRule', activate: 'activateBehaviorDetectionRule', deactivate: 'deactivateBehaviorDetectionRule' },
    extra: (doc) => {
      if (!BEHAVIOR_TYPES.includes(String(doc.type))) throw validationError('type', 'Does not match required pattern');
    },
  }),
  ...resource({
    collection: '/api/v1/security-events-providers', prefix: 'sse', param: 'securityEventProviderId', typeName: 'SecurityEventsProvider', required: ['name', 'type', 'settings'],
    ops: {
      list: 'listSecurityEventsProviderInstances', create: 'createSecurityEventsProviderInstance', get: 'getSecurityEventsProviderInstance', replace: 'replaceSecurityEventsProviderInstance',
      delete: 'deleteSecurityEventsProviderInstance', activate: 'activateSecurityEventsProviderInstance', deactivate: 'deactivateSecurityEventsProviderInstance',
    },
    extra: (doc) => {
      // A receiver reads a transmitter's well-known URL, or takes its issuer and JWKS URL directly.
      const s = (doc.settings ?? {}) as Record<string, unknown>;
      if (!s.well_known_url && !(s.issuer && s.jwks_url)) throw validationError('settings', 'Either well_known_url, or issuer and jwks_url, are required');
    },
  }),
  ...resource({
    collection: '/api/v1/realms', prefix: 'guo', param: 'realmId', typeName: 'Realm', required: ['profile'], statusless: true,
    // A read shows a realm's domain list even when empty; a list leaves an empty one out (okta-sdk-python cassettes
    // test_realms_it: createRealm/getRealm carry `domains: []`, listRealms does not).
    listed: (r) => {
      const p = r.profile as Record<string, unknown> | undefined;
      if (p && Array.isArray(p.domains) && p.domains.length === 0) delete p.domains;
      return r;
    },
    ops: { list: 'listRealms', create: 'createRealm', get: 'getRealm', replace: 'replaceRealm', delete: 'deleteRealm' },
    extra: (doc) => {
      const p = doc.profile as Record<string, unknown>;
      if (typeof p?.name !== 'string' || !p.name) throw validationError('profile.name', 'The field cannot be left blank');
      // A realm answers its domain list, empty until domains are given, and a realm type only when one was given
      // (okta-sdk-python and terraform cassettes: createRealm).
      p.domains ??= [];
      doc.isDefault = false;
    },
  }),
} satisfies Handlers;
