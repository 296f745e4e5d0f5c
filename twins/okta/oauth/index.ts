// The Okta twin's OAuth 2.0 / OIDC surface: authorization-server management handlers, the /oauth2 endpoints, and API token verification.
import { serverHandlers } from './handlers/servers.js';
import { resourceHandlers } from './handlers/resources.js';
import { tokenAdminHandlers } from './handlers/token-admin.js';
import type { Handlers } from '../generated/operations.js';

/** Hand-written behavior for `/api/v1/authorizationServers/**` and the refresh-token views of apps and users, by operationId. */
export const oauthHandlers = { ...serverHandlers, ...resourceHandlers, ...tokenAdminHandlers } satisfies Handlers;

/** Mounts `/oauth2/v1/*`, `/oauth2/{authServerId}/v1/*` and the `.well-known` documents. */
export { oauthRoutes } from './endpoints/routes.js';
/** Verifies an org-server access token on `/api/v1/**`; undefined when the request carries no Bearer/DPoP credential. */
export { verifyApiAccessToken } from './endpoints/api-verify.js';
/** Seeds the `default` custom server, fixture servers and the SDK service app; extra `/_dtu/credentials` fields. */
export { populateOAuth, oauthCredentials } from './seed.js';
