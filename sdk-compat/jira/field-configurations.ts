// jira.js compat: field configurations (required and hidden fields), their schemes and issue type mappings, a project's assignment, and the rules they put on issue create.
import type { Scenario } from '../types.js';
import { overBothClients } from './clients.js';

// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-field-configurations/
// Listed configurations carry id and isDefault (FieldConfigurationDetails in Atlassian's reference; jira.js 5.4.0 types omit them).
type Listed = { values?: Array<{ id: number; name: string; isDefault?: boolean }>; total?: number };

export const scenarios: Scenario[] = overBothClients(
  { name: 'field configurations: required and hidden fields, schemes, issue type mappings, projects, enforced on create' },
  async (jira, ctx, t) => {
    const me = await jira.myself.getCurrentUser();
    const project = await jira.projects.createProject({ key: 'FCF', name: 'Field rules', projectTypeKey: 'software', leadAccountId: me.accountId! });
    t.check(project.key === 'FCF', 'a project to configure', project);
    const types = await jira.issueTypes.getIssueAllTypes();
    const bug = types.find((x) => x.name === 'Bug');
    t.check(!!bug?.id, 'the site has a Bug issue type', types);

    const made = await jira.issueFieldConfigurations.createFieldConfiguration({ name: 'Strict bugs', description: 'Bugs need a due date' });
    t.check(made.name === 'Strict bugs' && typeof made.id === 'number' && !made.isDefault, 'createFieldConfiguration answers the configuration', made);
    const found: Listed = await jira.issueFieldConfigurations.getAllFieldConfigurations({ query: 'strict' });
    t.check(found.values?.map((c) => c.id).join() === String(made.id), 'getAllFieldConfigurations finds it by name', found);
    await jira.issueFieldConfigurations.updateFieldConfiguration({ id: made.id, name: 'Strict bug fields', description: 'Bugs need a due date' });
    const renamed: Listed = await jira.issueFieldConfigurations.getAllFieldConfigurations({ id: [made.id] });
    t.checkEffect(renamed.values?.[0]?.name === 'Strict bug fields', 'updateFieldConfiguration renames it', renamed);
    const defaults: Listed = await jira.issueFieldConfigurations.getAllFieldConfigurations({ isDefault: true });
    t.check(defaults.values?.length === 1 && defaults.values[0].isDefault === true, 'one default configuration', defaults);
    await t.expectError(() => jira.issueFieldConfigurations.updateFieldConfiguration({ id: defaults.values![0].id, name: 'Mine now' }), (e) => e.status === 400, 'the default configuration cannot be edited');

    await jira.issueFieldConfigurations.updateFieldConfigurationItems({ id: made.id, fieldConfigurationItems: [{ id: 'duedate', isRequired: true, description: 'When it ships' }, { id: 'environment', isHidden: true }] });
    const items = await jira.issueFieldConfigurations.getFieldConfigurationItems({ id: made.id });
    const item = (id: string) => items.values?.find((i) => i.id === id);
    t.checkEffect(item('duedate')?.isRequired === true && item('duedate')?.description === 'When it ships' && item('environment')?.isHidden === true && item('summary')?.isRequired === true && item('labels')?.isRequired === false, 'updateFieldConfigurationItems sets required, hidden and description; summary stays required', items);
    await t.expectError(() => jira.issueFieldConfigurations.updateFieldConfigurationItems({ id: made.id, fieldConfigurationItems: [{ id: 'summary', isHidden: true }] }), (e) => e.status === 400, 'summary cannot be hidden');

    const scheme = await jira.issueFieldConfigurations.createFieldConfigurationScheme({ name: 'Bug rules', description: 'Bugs use strict fields' });
    t.check(scheme.name === 'Bug rules' && Number(scheme.id) > 0, 'createFieldConfigurationScheme answers the scheme', scheme);
    await jira.issueFieldConfigurations.updateFieldConfigurationScheme({ id: Number(scheme.id), name: 'Bug field rules' });
    const schemes = await jira.issueFieldConfigurations.getAllFieldConfigurationSchemes({ id: [Number(scheme.id)] });
    t.checkEffect(schemes.values?.[0]?.name === 'Bug field rules', 'updateFieldConfigurationScheme renames it', schemes);
    await jira.issueFieldConfigurations.setFieldConfigurationSchemeMapping({ id: Number(scheme.id), mappings: [{ issueTypeId: bug!.id!, fieldConfigurationId: String(made.id) }] });
    const mappings = await jira.issueFieldConfigurations.getFieldConfigurationSchemeMappings({ fieldConfigurationSchemeId: [Number(scheme.id)] });
    const byType = Object.fromEntries((mappings.values ?? []).map((m) => [m.issueTypeId, m.fieldConfigurationId]));
    t.checkEffect(byType[bug!.id!] === String(made.id) && byType.default === String(defaults.values![0].id), 'setFieldConfigurationSchemeMapping maps Bug; other types fall back to the default', mappings);
    await jira.issueFieldConfigurations.assignFieldConfigurationSchemeToProject({ fieldConfigurationSchemeId: String(scheme.id), projectId: String(project.id) });
    const assigned = await jira.issueFieldConfigurations.getFieldConfigurationSchemeProjectMapping({ projectId: [Number(project.id)] });
    t.checkEffect(assigned.values?.[0]?.fieldConfigurationScheme?.id === String(scheme.id) && assigned.values[0].projectIds?.includes(String(project.id)), 'assignFieldConfigurationSchemeToProject: the project uses the scheme', assigned);

    // The configuration now applies to the project's bugs only.
    await t.expectError(() => jira.issues.createIssue({ fields: { project: { key: 'FCF' }, issuetype: { id: bug!.id! }, summary: 'No due date' } }), (e) => e.status === 400 && e.response?.data?.errors?.duedate === 'Due date is required.', 'a required field must be given on create');
    await t.expectError(() => jira.issues.createIssue({ fields: { project: { key: 'FCF' }, issuetype: { id: bug!.id! }, summary: 'With environment', duedate: '2026-12-31', environment: null } as never }), (e) => e.status === 400 && /cannot be set/.test(e.response?.data?.errors?.environment ?? ''), 'a hidden field cannot be set');
    const ok = await jira.issues.createIssue({ fields: { project: { key: 'FCF' }, issuetype: { id: bug!.id! }, summary: 'Dated bug', duedate: '2026-12-31' } });
    t.check(/^FCF-\d+$/.test(ok.key ?? ''), 'with the required field the bug is created', ok);
    const task = await jira.issues.createIssue({ fields: { project: { key: 'FCF' }, issuetype: { name: 'Task' }, summary: 'Undated task' } });
    t.check(/^FCF-\d+$/.test(task.key ?? ''), 'a task uses the default configuration: no due date needed', task);
    await t.expectError(() => jira.issues.editIssue({ issueIdOrKey: ok.key, fields: { duedate: null } as never }), (e) => e.status === 400 && !!e.response?.data?.errors?.duedate, 'a required field cannot be emptied on edit');

    await t.expectError(() => jira.issueFieldConfigurations.deleteFieldConfiguration({ id: made.id }), (e) => e.status === 400, 'a configuration a scheme maps cannot be deleted');
    await t.expectError(() => jira.issueFieldConfigurations.deleteFieldConfigurationScheme({ id: Number(scheme.id) }), (e) => e.status === 400, 'a scheme a project uses cannot be deleted');
    await jira.issueFieldConfigurations.removeIssueTypesFromGlobalFieldConfigurationScheme({ id: Number(scheme.id), issueTypeIds: [bug!.id!] });
    const unmapped = await jira.issues.createIssue({ fields: { project: { key: 'FCF' }, issuetype: { id: bug!.id! }, summary: 'Undated bug' } });
    t.checkEffect(/^FCF-\d+$/.test(unmapped.key ?? ''), 'removeIssueTypesFromGlobalFieldConfigurationScheme: bugs fall back to the default configuration', unmapped);
    await jira.issueFieldConfigurations.assignFieldConfigurationSchemeToProject({ fieldConfigurationSchemeId: null as never, projectId: String(project.id) });
    const back = await jira.issueFieldConfigurations.getFieldConfigurationSchemeProjectMapping({ projectId: [Number(project.id)] });
    t.checkEffect(back.values?.length === 1 && !back.values[0].fieldConfigurationScheme, 'a null scheme returns the project to the default configuration', back);
    await jira.issueFieldConfigurations.deleteFieldConfigurationScheme({ id: Number(scheme.id) });
    await jira.issueFieldConfigurations.deleteFieldConfiguration({ id: made.id });
    const gone: Listed = await jira.issueFieldConfigurations.getAllFieldConfigurations({ id: [made.id] });
    const goneSchemes = await jira.issueFieldConfigurations.getAllFieldConfigurationSchemes({ id: [Number(scheme.id)] });
    t.checkEffect(gone.total === 0 && goneSchemes.total === 0, 'deleteFieldConfigurationScheme and deleteFieldConfiguration remove them', { gone, goneSchemes });
  },
);
