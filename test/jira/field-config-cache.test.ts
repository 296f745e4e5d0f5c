// The required fields a create checks are kept per configuration change: random changes to a field configuration and to custom fields, each followed by a create, answer what the configuration says at that moment.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Version3Client } from 'jira.js';
import { failure, useSite } from './helpers.js';

const env = useSite();
const FLOAT = 'com.atlassian.jira.plugin.system.customfieldtypes:float';

type Step =
  | { kind: 'require'; field: number; on: boolean }
  | { kind: 'rename'; field: number; name: string }
  | { kind: 'trash'; field: number; on: boolean }
  | { kind: 'create' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('require' as const), field: fc.integer({ min: 0, max: 3 }), on: fc.boolean() }),
  fc.record({ kind: fc.constant('rename' as const), field: fc.integer({ min: 2, max: 3 }), name: fc.constantFrom('Budget', 'Spend', 'Cost', 'Effort') }),
  fc.record({ kind: fc.constant('trash' as const), field: fc.integer({ min: 2, max: 3 }), on: fc.boolean() }),
  fc.constant({ kind: 'create' as const }),
);

describe('required fields kept between configuration changes', () => {
  it('every create after random changes is refused for exactly the fields then required, by their names then', async () => {
    const jira = env.site.client;
    // jira.js posts trash and restore without a body, which axios labels form-encoded: Jira's XSRF check wants the no-check token.
    const noCheck = new Version3Client({ host: env.site.host, noCheckAtlassianToken: true, authentication: { basic: { email: env.site.creds.email, apiToken: env.site.creds.apiToken } } });
    const config = await jira.issueFieldConfigurations.createFieldConfiguration({ name: 'Random rules' });
    const scheme = await jira.issueFieldConfigurations.createFieldConfigurationScheme({ name: 'Random scheme' });
    await jira.issueFieldConfigurations.setFieldConfigurationSchemeMapping({ id: Number(scheme.id), mappings: [{ issueTypeId: 'default', fieldConfigurationId: String(config.id) }] });
    const mob = await jira.projects.getProject({ projectIdOrKey: 'MOB' });
    await jira.issueFieldConfigurations.assignFieldConfigurationSchemeToProject({ fieldConfigurationSchemeId: String(scheme.id), projectId: mob.id });
    const made = [await jira.issueFields.createCustomField({ name: 'Cf A', type: FLOAT }), await jira.issueFields.createCustomField({ name: 'Cf B', type: FLOAT })];
    // The model: what each field is called, whether it is required, whether it is trashed.
    const fields = [
      { id: 'environment', name: 'Environment', required: false, trashed: false },
      { id: 'labels', name: 'Labels', required: false, trashed: false },
      ...made.map((f) => ({ id: f.id!, name: f.name!, required: false, trashed: false })),
    ];
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        for (const s of [...steps, { kind: 'create' as const }]) {
          if (s.kind === 'require') {
            // A trashed field cannot be configured until restored.
            if (fields[s.field].trashed) continue;
            await jira.issueFieldConfigurations.updateFieldConfigurationItems({ id: config.id, fieldConfigurationItems: [{ id: fields[s.field].id, isRequired: s.on }] });
            fields[s.field].required = s.on;
          } else if (s.kind === 'rename') {
            if (fields[s.field].trashed) continue;
            await jira.issueFields.updateCustomField({ fieldId: fields[s.field].id, name: s.name });
            fields[s.field].name = s.name;
          } else if (s.kind === 'trash') {
            if (s.on && !fields[s.field].trashed) await noCheck.issueFields.trashCustomField({ id: fields[s.field].id });
            if (!s.on && fields[s.field].trashed) await noCheck.issueFields.restoreCustomField({ id: fields[s.field].id });
            fields[s.field].trashed = s.on;
          } else {
            const want = Object.fromEntries(fields.filter((f) => f.required && !f.trashed).map((f) => [f.id, `${f.name} is required.`]));
            const create = () => jira.issues.createIssue({ fields: { project: { key: 'MOB' }, issuetype: { name: 'Task' }, summary: 'Random rules' } });
            if (Object.keys(want).length) expect((await failure(create())).data.errors).toEqual(want);
            else expect((await create()).key).toMatch(/^MOB-/);
          }
        }
      }),
      { numRuns: 12 },
    );
  });
});
