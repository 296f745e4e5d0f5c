// Self-service org features: their stage, status and dependencies, and the rules for switching them (Features API).
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { notFound, oktaErrorWith } from '../errors.js';
import { oktaId } from '../store.js';

export interface FeatureDoc extends Doc {
  type: 'self-service';
  name: string;
  description: string;
  stage: { value: 'EA' | 'BETA'; state?: 'OPEN' | 'CLOSED' };
  status: 'ENABLED' | 'DISABLED';
  dependencies: string[];
  /** Okta's documentation of the feature, where it has some: end-user help and developer docs (`_links.helpDoc`, `_links.devDoc`). */
  helpDoc?: string;
  devDoc?: string;
}

export const features = (t: Tenant) => t.collection<FeatureDoc>('/api/v1/features');

/**
 * The self-service features a new org lists; the second depends on the first. A 2025–26 org lists only EA features,
 * with no `stage.state` (Terraform recordings of GET /api/v1/features, 42 features); most link Okta's help pages.
 */
const CATALOG: Array<Omit<FeatureDoc, 'id' | 'dependencies'> & { dependsOn?: number }> = [
  { type: 'self-service', name: 'Okta FastPass', description: 'Passwordless sign-in with Okta Verify on the user\'s device', stage: { value: 'EA' }, status: 'DISABLED', helpDoc: 'https://help.okta.com/oie/en-us/content/topics/identity-engine/devices/fp/fp-main.htm' },
  { type: 'self-service', name: 'FastPass on managed devices', description: 'Require a managed device for Okta FastPass sign-ins', stage: { value: 'EA' }, status: 'DISABLED', dependsOn: 0 },
  { type: 'self-service', name: 'Admin Console dark mode', description: 'A dark theme for the Admin Console', stage: { value: 'EA' }, status: 'ENABLED' },
  { type: 'self-service', name: 'Entity risk policy', description: 'Evaluate user risk continuously after sign-in', stage: { value: 'EA' }, status: 'DISABLED', helpDoc: 'https://help.okta.com/oie/en-us/content/topics/itp/entity-risk-policy.htm', devDoc: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Policy/' },
];

export function ensureFeatures(t: Tenant): void {
  t.meta('okta:features', () => {
    const ids: string[] = [];
    for (const f of CATALOG) {
      const { dependsOn, ...doc } = f;
      const id = oktaId(t, 'ftr');
      ids.push(id);
      features(t).put({ ...structuredClone(doc), id, dependencies: dependsOn === undefined ? [] : [ids[dependsOn]] } as FeatureDoc);
    }
    return true;
  });
}

export function requireFeature(t: Tenant, id: string): FeatureDoc {
  ensureFeatures(t);
  const f = features(t).get(id);
  if (!f) throw notFound(id, 'Feature');
  return f;
}

export const dependentsOf = (t: Tenant, id: string) => features(t).filter((f) => f.dependencies.includes(id));

/**
 * Enabling needs every dependency enabled, disabling needs every dependent disabled; with
 * `mode=force` Okta switches those too, transitively (Features API, "Update a feature lifecycle").
 */
export function switchFeature(t: Tenant, f: FeatureDoc, enable: boolean, force: boolean): FeatureDoc {
  const status = enable ? 'ENABLED' : 'DISABLED';
  const blockers = enable ? f.dependencies.map((id) => features(t).get(id)!).filter((d) => d && d.status !== 'ENABLED') : dependentsOf(t, f.id).filter((d) => d.status === 'ENABLED');
  if (blockers.length && !force) {
    const what = enable ? 'dependencies are disabled' : 'dependents are enabled';
    throw oktaErrorWith('E0000001', ['lifecycle'], { causes: blockers.map((b) => `lifecycle: Feature ${f.name} cannot be ${enable ? 'enabled' : 'disabled'} because its ${what}: ${b.name}`) });
  }
  for (const b of blockers) switchFeature(t, b, enable, true);
  return features(t).patch(f.id, { status })!;
}
