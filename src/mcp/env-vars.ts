/** The environment variables that point each official SDK at a twin, from the twin's own credentials. */
import type { Vendor } from '../vendors.js';

export function envVars(vendor: Vendor, c: Record<string, unknown>): Record<string, string> {
  const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  switch (vendor) {
    case 'okta':
      return { OKTA_CLIENT_ORGURL: s(c.orgUrl), OKTA_CLIENT_TOKEN: s(c.token) };
    case 'slack':
      return { SLACK_API_URL: s(c.apiUrl), SLACK_BOT_TOKEN: s(c.botToken), SLACK_USER_TOKEN: s(c.userToken), SLACK_APP_TOKEN: s(c.appToken), SLACK_SIGNING_SECRET: s(c.signingSecret) };
    case 'jira':
      return { JIRA_HOST: s(c.host), JIRA_EMAIL: s(c.email), JIRA_API_TOKEN: s(c.apiToken) };
    case 'google':
      return { GOOGLE_ROOT_URL: s(c.rootUrl), GOOGLE_ACCESS_TOKEN: s(c.accessToken), GOOGLE_TOKEN_URL: s(c.tokenUrl) };
  }
}
