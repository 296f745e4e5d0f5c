// Identifier and timestamp formats Slack uses on realtime payloads, all drawn from the tenant's seeded random source.
import type { Tenant } from '../../../src/core/tenant.js';

const UPPER_ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Events API `event_id`: `Ev` followed by upper-case alphanumerics (e.g. `Ev08MFMKH6`). */
export const eventId = (t: Tenant): string => `Ev${t.random.chars(10, UPPER_ALNUM)}`;

/** Socket Mode `envelope_id`: a UUID, as Slack sends. */
export const envelopeId = (t: Tenant): string => t.random.uuid();

/** Single-use WebSocket ticket carried in the connection URL. */
export const ticket = (t: Tenant): string => t.random.uuid();

/** `trigger_id` in Slack's three-part form: `<digits>.<digits>.<hex>`. */
export const triggerId = (t: Tenant): string => `${t.random.digits(13)}.${t.random.digits(13)}.${t.random.hex(32)}`;

/** A Slack-style secret path segment (response_url, OAuth code). */
export const secret = (t: Tenant, n = 24): string => t.random.chars(n);

/** OAuth code in Slack's dotted form. */
export const oauthCode = (t: Tenant): string => `${t.random.digits(12)}.${t.random.digits(13)}.${t.random.hex(64)}`;
