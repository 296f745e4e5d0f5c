/** The environment variables that point each official SDK at a twin, named as each SDK's own docs and config loaders name them. */
import type { VendorCredentials } from './credentials.js';
import type { Vendor } from './vendors.js';

/**
 * `url` is the twin's base URL; `tenant` adds its `/t/<name>` prefix to DTU_<VENDOR>_URL; `keyFile` is where the
 * Google service-account key was written (GOOGLE_APPLICATION_CREDENTIALS is set only when there is one).
 */
export function sdkEnv(vendor: Vendor, c: VendorCredentials[Vendor], url: string, opts: { tenant?: string; keyFile?: string } = {}): Record<string, string | undefined> {
  const base = { [`DTU_${vendor.toUpperCase()}_URL`]: opts.tenant ? `${url}/t/${encodeURIComponent(opts.tenant)}` : url };
  switch (vendor) {
    case 'okta': {
      const o = c as VendorCredentials['okta'];
      // @okta/okta-sdk-nodejs reads OKTA_CLIENT_* itself (src/config-loader.js).
      return { ...base, OKTA_CLIENT_ORGURL: o.orgUrl, OKTA_CLIENT_TOKEN: o.token, OKTA_CLIENT_AUTHORIZATIONMODE: 'SSWS' };
    }
    case 'slack': {
      const s = c as VendorCredentials['slack'];
      return { ...base, SLACK_API_URL: s.apiUrl, SLACK_BOT_TOKEN: s.botToken, SLACK_APP_TOKEN: s.appToken, SLACK_USER_TOKEN: s.userToken, SLACK_SIGNING_SECRET: s.signingSecret, SLACK_CLIENT_ID: s.clientId, SLACK_CLIENT_SECRET: s.clientSecret };
    }
    case 'jira': {
      const j = c as VendorCredentials['jira'];
      return { ...base, JIRA_HOST: j.host, JIRA_EMAIL: j.email, JIRA_API_TOKEN: j.apiToken };
    }
    case 'google': {
      const g = c as VendorCredentials['google'];
      // The key file's token_uri names the twin; gtoken posts to oauth2.googleapis.com regardless, which the register module redirects.
      return { ...base, ...(opts.keyFile ? { GOOGLE_APPLICATION_CREDENTIALS: opts.keyFile } : {}), GOOGLE_ROOT_URL: g.rootUrl, GOOGLE_ACCESS_TOKEN: g.accessToken, GOOGLE_ADMIN_EMAIL: g.adminEmail };
    }
  }
}
