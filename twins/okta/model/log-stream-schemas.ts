// The settings schemas of Okta's log stream types (Schemas API, "Log Stream Schema"), and the check of a stream's settings against them.
import { oktaErrorWith } from '../errors.js';

export interface Field { title: string; description: string; type: 'string'; writeOnce: boolean; pattern?: string; oneOf?: Array<{ const: string; title: string }> }
interface StreamSchema { title: string; properties: Record<string, Field>; required: string[] }

const AWS_REGIONS: Array<[string, string]> = [
  ['us-east-1', 'US East (N. Virginia)'], ['us-east-2', 'US East (Ohio)'], ['us-west-1', 'US West (N. California)'], ['us-west-2', 'US West (Oregon)'],
  ['ca-central-1', 'Canada (Central)'], ['eu-central-1', 'Europe (Frankfurt)'], ['eu-west-1', 'Europe (Ireland)'], ['eu-west-2', 'Europe (London)'],
  ['eu-west-3', 'Europe (Paris)'], ['eu-north-1', 'Europe (Stockholm)'], ['eu-south-1', 'Europe (Milan)'], ['ap-east-1', 'Asia Pacific (Hong Kong)'],
  ['ap-northeast-1', 'Asia Pacific (Tokyo)'], ['ap-northeast-2', 'Asia Pacific (Seoul)'], ['ap-northeast-3', 'Asia Pacific (Osaka)'],
  ['ap-southeast-1', 'Asia Pacific (Singapore)'], ['ap-southeast-2', 'Asia Pacific (Sydney)'], ['ap-south-1', 'Asia Pacific (Mumbai)'], ['sa-east-1', 'South America (São Paulo)'],
];

export const LOG_STREAM_SCHEMAS: Record<string, StreamSchema> = {
  aws_eventbridge: {
    title: 'AWS EventBridge',
    properties: {
      accountId: { title: 'AWS Account ID', description: 'Your Amazon AWS Account ID.', type: 'string', writeOnce: true, pattern: '^\\d{12}$' },
      eventSourceName: { title: 'AWS Event Source Name', description: 'An alphanumeric name (no spaces) to identify this event source in AWS EventBridge.', type: 'string', writeOnce: true, pattern: '^[\\.\\-_A-Za-z0-9]{1,75}$' },
      region: { title: 'AWS Region', description: 'The destination AWS region where your event source is located.', type: 'string', writeOnce: true, oneOf: AWS_REGIONS.map(([c, t]) => ({ const: c, title: t })) },
    },
    required: ['eventSourceName', 'accountId', 'region'],
  },
  splunk_cloud_logstreaming: {
    title: 'Splunk Cloud',
    properties: {
      host: { title: 'Host', description: 'The domain for your Splunk Cloud instance without http or https. For example: acme.splunkcloud.com', type: 'string', writeOnce: false, pattern: '^([a-z0-9]+(-[a-z0-9]+)*){1,100}\\.splunkcloud(gc|fed)?\\.com$' },
      token: { title: 'HEC Token', description: 'The token from your Splunk Cloud HTTP Event Collector.', type: 'string', writeOnce: false, pattern: '^(\\{){0,1}[0-9a-fA-F]{8}\\-[0-9a-fA-F]{4}\\-[0-9a-fA-F]{4}\\-[0-9a-fA-F]{4}\\-[0-9a-fA-F]{12}(\\}){0,1}$' },
      edition: { title: 'Edition', description: 'The edition of the Splunk Cloud instance.', type: 'string', writeOnce: false, oneOf: [{ const: 'aws', title: 'AWS' }, { const: 'gcp', title: 'GCP' }, { const: 'aws_govcloud', title: 'AWS (GovCloud)' }] },
    },
    required: ['host', 'token', 'edition'],
  },
};

/**
 * Checks a stream's settings against its type's schema: required fields present, patterns and
 * enumerations met, and on replace `writeOnce` fields unchanged.
 */
export function checkStreamSettings(type: string, settings: unknown, previous?: Record<string, unknown>): void {
  const schema = LOG_STREAM_SCHEMAS[type];
  if (!schema) return;
  const s = (settings && typeof settings === 'object' ? settings : {}) as Record<string, unknown>;
  const causes: string[] = [];
  for (const f of schema.required) if (typeof s[f] !== 'string' || s[f] === '') causes.push(`settings.${f}: The field cannot be left blank`);
  for (const [name, field] of Object.entries(schema.properties)) {
    const v = s[name];
    if (typeof v !== 'string' || v === '') continue;
    if (field.pattern && !new RegExp(field.pattern).test(v)) causes.push(`settings.${name}: Does not match required pattern`);
    if (field.oneOf && !field.oneOf.some((o) => o.const === v)) causes.push(`settings.${name}: Does not match required pattern`);
    if (previous && field.writeOnce && previous[name] !== undefined && previous[name] !== v) causes.push(`settings.${name}: The field cannot be changed`);
  }
  if (causes.length) throw oktaErrorWith('E0000001', ['settings'], { causes });
}
