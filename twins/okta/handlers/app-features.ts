// App features (provisioning): the twin's apps are custom integrations, which Okta does not provision.
import type { Handler } from '../../../src/core/handler.js';
import { oktaErrorWith } from '../errors.js';
import { requireApp } from './common.js';
import type { Handlers } from '../generated/operations.js';

/**
 * Custom apps (bookmark, custom OIDC/SAML) have no provisioning connector, so
 * Okta refuses every feature call on them (cassette test_application_features_it:
 * 400 E0000001 "Api validation failed: feature", cause "Provisioning is not supported.").
 */
const unsupported: Handler = (ctx) => {
  requireApp(ctx, ctx.params.appId);
  throw oktaErrorWith('E0000001', ['feature'], { causes: ['Provisioning is not supported.'] });
};

export const appFeatureHandlers = {
  listFeaturesForApplication: unsupported,
  getFeatureForApplication: unsupported,
  updateFeatureForApplication: unsupported,
} satisfies Handlers;
