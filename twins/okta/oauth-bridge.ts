// The seam to the OAuth 2.0/OIDC side of the Okta twin (`./oauth/`): the contract both halves compile against.
import type { Hono } from 'hono';
import type { HandlerMap, Principal } from '../../src/core/handler.js';
import type { DtuEnv } from '../../src/core/pipeline.js';
import type { Tenant } from '../../src/core/tenant.js';
import type { Twin } from '../../src/core/twin.js';
import * as oauthModule from './oauth/index.js';

/** What `twins/okta/oauth/index.ts` exports (the integration contract between the two halves). */
export interface OAuthModule {
  oauthHandlers: HandlerMap;
  oauthRoutes(app: Hono<DtuEnv>, twin: Twin): void;
  /** Principal for `Authorization: Bearer|DPoP` on `/api/v1/**`; throws VendorError for bad tokens. */
  verifyApiAccessToken(twin: Twin, tenant: Tenant, req: Request): Promise<Principal | undefined>;
  populateOAuth(tenant: Tenant, fixture: unknown): void;
  oauthCredentials(tenant: Tenant, baseUrl: string): Record<string, unknown>;
}

// Typed against the contract, so a drift in either half fails the compiler rather than a run.
export const oauth: OAuthModule | undefined = oauthModule;
