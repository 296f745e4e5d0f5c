/**
 * The real hosts each vendor's SDKs talk to, and the default URLs an in-process
 * twin presents as its own. Shared by the MSW adapter and the process-wide redirect.
 */
import type { Vendor } from './vendors.js';

/**
 * Hostname patterns per vendor. Okta orgs live on subdomains of okta.com,
 * oktapreview.com and okta-emea.com; Slack's Web API, file uploads and Socket Mode
 * links on slack.com and its subdomains; Jira sites on *.atlassian.net, with OAuth
 * and cloud-id routing on api.atlassian.com and auth.atlassian.com; every Google
 * Workspace API and the token endpoint on *.googleapis.com.
 */
export const VENDOR_HOSTS: Record<Vendor, RegExp> = {
  okta: /^[a-z0-9-]+\.(okta|oktapreview|okta-emea)\.com$/i,
  slack: /^([a-z0-9-]+\.)*slack\.com$/i,
  jira: /^([a-z0-9-]+\.atlassian\.net|api\.atlassian\.com|auth\.atlassian\.com)$/i,
  google: /^([a-z0-9-]+\.)*googleapis\.com$/i,
};

/** The vendor whose SDKs use this hostname, if any. */
export function vendorOfHost(hostname: string): Vendor | undefined {
  for (const [vendor, re] of Object.entries(VENDOR_HOSTS) as [Vendor, RegExp][]) if (re.test(hostname)) return vendor;
  return undefined;
}

/**
 * The base URL an in-process twin hands out in its credentials: the host each SDK
 * uses by default (Slack's `https://slack.com/api/`, Google's per-API roots), or a
 * plausible org/site for vendors that have no default (Okta, Jira).
 */
export const DEFAULT_ORIGINS: Record<Vendor, string> = {
  okta: 'https://dtu.okta.com',
  slack: 'https://slack.com',
  jira: 'https://dtu.atlassian.net',
  google: 'https://www.googleapis.com',
};

/** Where Google's service-account flow posts its JWT, whatever a key file's token_uri says (gtoken hard-codes it). */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
