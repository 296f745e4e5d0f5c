// The Okta twin's OAuth 2.0 / OIDC surface: authorization-server management handlers, the /oauth2 endpoints, and API token verification.
import type { HandlerMap } from '../../../src/core/handler.js';
import { serverHandlers } from './servers.js';
import { resourceHandlers } from './resources.js';
import { tokenAdminHandlers } from './token-admin.js';

/** Hand-written behavior for `/api/v1/authorizationServers/**` and the refresh-token views of apps and users, by operationId. */
export const oauthHandlers: HandlerMap = { ...serverHandlers, ...resourceHandlers, ...tokenAdminHandlers };

/** Mounts `/oauth2/v1/*`, `/oauth2/{authServerId}/v1/*` and the `.well-known` documents. */
export { oauthRoutes } from './routes.js';
/** Verifies an org-server access token on `/api/v1/**`; undefined when the request carries no Bearer/DPoP credential. */
export { verifyApiAccessToken } from './api-verify.js';
/** Seeds the `default` custom server, fixture servers and the SDK service app; extra `/_dtu/credentials` fields. */
export { populateOAuth, oauthCredentials } from './seed.js';
