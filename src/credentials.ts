/**
 * SDK-ready credentials per vendor, as every twin serves them at `/_dtu/credentials`,
 * typed for the options each official SDK takes, and fetched the same way by the
 * MSW adapter, the test-runner helpers, the container module and `dtu env`.
 */
import type { Vendor } from './vendors.js';
import { GOOGLE_TOKEN_URL } from './hosts.js';

/** `new okta.Client({ orgUrl, token })` */
export interface OktaCredentials {
  orgUrl: string;
  token: string;
  authorizationMode: 'SSWS';
  adminUserId?: string;
  adminLogin?: string;
  adminPassword?: string;
  issuer?: string;
  /** A service app for `authorizationMode: 'PrivateKey'` (client id, key id, PEM, scopes). */
  serviceApp?: { clientId: string; keyId: string; privateKey: string; scopes: string[]; tokenEndpoint: string };
  [more: string]: unknown;
}

/** `new WebClient(botToken, { slackApiUrl: apiUrl })`, Bolt's `token`, `appToken`, `signingSecret`. */
export interface SlackCredentials {
  apiUrl: string;
  botToken: string;
  userToken?: string;
  appToken: string;
  signingSecret: string;
  clientId?: string;
  clientSecret?: string;
  teamId: string;
  botUserId?: string;
  appId?: string;
  [more: string]: unknown;
}

/** `new Version3Client({ host, authentication: { basic: { email, apiToken } } })` */
export interface JiraCredentials {
  host: string;
  email: string;
  apiToken: string;
  accountId?: string;
  accessToken?: string;
  [more: string]: unknown;
}

/** A service-account key file, as `google.auth.JWT` / `GoogleAuth({ credentials })` read it. */
export interface GoogleServiceAccountKey {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
  [more: string]: unknown;
}

/** `google.drive({ version: 'v3', auth, rootUrl })`, an OAuth2 client's access token, or the service account. */
export interface GoogleCredentials {
  rootUrl: string;
  tokenUrl: string;
  accessToken: string;
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
  apiKey?: string;
  customerId?: string;
  domain: string;
  adminEmail: string;
  serviceAccount: GoogleServiceAccountKey;
  [more: string]: unknown;
}

export interface VendorCredentials {
  okta: OktaCredentials;
  slack: SlackCredentials;
  jira: JiraCredentials;
  google: GoogleCredentials;
}

export type CredentialsOf<V extends readonly Vendor[]> = { [K in V[number]]: VendorCredentials[K] };

/** Anything that answers a Request: a twin's `fetch` in-process, or `globalThis.fetch` over a socket. */
export type Fetcher = (req: Request) => Promise<Response>;

/**
 * Reads a tenant's credentials from a twin at `base` (its origin, as the caller
 * should address it). A tenant is named by the `/t/<name>` prefix so every URL in
 * the credentials carries it, except Google's: per-API `rootUrl`s drop path
 * prefixes, and Google tokens pick their tenant by themselves.
 */
export async function fetchCredentials<V extends Vendor>(fetcher: Fetcher, vendor: V, base: string, tenant?: string): Promise<VendorCredentials[V]> {
  const origin = base.replace(/\/+$/, '');
  const url = !tenant ? `${origin}/_dtu/credentials` : vendor === 'google' ? `${origin}/_dtu/credentials?tenant=${encodeURIComponent(tenant)}` : `${origin}/t/${encodeURIComponent(tenant)}/_dtu/credentials`;
  const res = await fetcher(new Request(url));
  if (!res.ok) throw new Error(`dtu: credentials for ${vendor}${tenant ? ` (tenant ${tenant})` : ''}: HTTP ${res.status} from ${url}`);
  return (await res.json()) as VendorCredentials[V];
}

/**
 * Credentials as seen through the vendor's real hosts: Google's service account
 * and token URL name oauth2.googleapis.com, where google-auth-library posts anyway.
 */
export function onVendorHosts<V extends Vendor>(vendor: V, creds: VendorCredentials[V]): VendorCredentials[V] {
  if (vendor !== 'google') return creds;
  const g = creds as GoogleCredentials;
  return { ...g, tokenUrl: GOOGLE_TOKEN_URL, serviceAccount: g.serviceAccount && { ...g.serviceAccount, token_uri: GOOGLE_TOKEN_URL } } as VendorCredentials[V];
}
