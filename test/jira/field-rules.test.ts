// Site configuration that decides what issues may hold: field configurations (required, hidden), priority schemes, and the search and settings answers the live jira.js suite pins.
import { describe, expect, it } from 'vitest';
import { failure, useSite } from './helpers.js';

const env = useSite();

describe('field configurations and priority schemes on issues', () => {
  it('a required field must be given and a hidden one cannot be set, for the issue types the scheme maps', async () => {
    const jira = env.site.client;
    const bug = (await jira.issueTypes.getIssueAllTypes()).find((x) => x.name === 'Bug')!;
    const config = await jira.issueFieldConfigurations.createFieldConfiguration({ name: 'Labelled bugs' });
    await jira.issueFieldConfigurations.updateFieldConfigurationItems({ id: config.id, fieldConfigurationItems: [{ id: 'labels', isRequired: true }, { id: 'duedate', isHidden: true }] });
    const scheme = await jira.issueFieldConfigurations.createFieldConfigurationScheme({ name: 'Bug rules' });
    await jira.issueFieldConfigurations.setFieldConfigurationSchemeMapping({ id: Number(scheme.id), mappings: [{ issueTypeId: bug.id!, fieldConfigurationId: String(config.id) }] });
    const mob = await jira.projects.getProject({ projectIdOrKey: 'MOB' });
    await jira.issueFieldConfigurations.assignFieldConfigurationSchemeToProject({ fieldConfigurationSchemeId: String(scheme.id), projectId: mob.id });

    const missing = await failure(jira.issues.createIssue({ fields: { project: { key: 'MOB' }, issuetype: { id: bug.id! }, summary: 'No labels' } }));
    expect([missing.status, missing.data.errors]).toEqual([400, { labels: 'Labels is required.' }]);
    const hidden = await failure(jira.issues.createIssue({ fields: { project: { key: 'MOB' }, issuetype: { id: bug.id! }, summary: 'Dated', labels: ['x'], duedate: '2026-05-01' } }));
    expect([hidden.status, Object.keys(hidden.data.errors)]).toEqual([400, ['duedate']]);
    const ok = await jira.issues.createIssue({ fields: { project: { key: 'MOB' }, issuetype: { id: bug.id! }, summary: 'Labelled', labels: ['x'] } });
    const emptied = await failure(jira.issues.editIssue({ issueIdOrKey: ok.key, fields: { labels: [] } }));
    expect([emptied.status, emptied.data.errors]).toEqual([400, { labels: 'Labels is required.' }]);
    // Other issue types, and other projects, keep the default configuration.
    expect((await jira.issues.createIssue({ fields: { project: { key: 'MOB' }, issuetype: { name: 'Task' }, summary: 'Free', duedate: '2026-05-01' } })).key).toMatch(/^MOB-/);
    expect((await jira.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { id: bug.id! }, summary: 'Free bug' } })).key).toMatch(/^ENG-/);
  });

  it('required fields follow every change to the configuration and to custom field names, after issues were created under the old one', async () => {
    const jira = env.site.client;
    const task = (await jira.issueTypes.getIssueAllTypes()).find((x) => x.name === 'Task')!;
    const make = (fields: Record<string, unknown> = {}) => jira.issues.createIssue({ fields: { project: { key: 'MOB' }, issuetype: { id: task.id! }, summary: 'Kept rules', ...fields } });
    const config = await jira.issueFieldConfigurations.createFieldConfiguration({ name: 'Changing rules' });
    const scheme = await jira.issueFieldConfigurations.createFieldConfigurationScheme({ name: 'Changing scheme' });
    await jira.issueFieldConfigurations.setFieldConfigurationSchemeMapping({ id: Number(scheme.id), mappings: [{ issueTypeId: 'default', fieldConfigurationId: String(config.id) }] });
    const mob = await jira.projects.getProject({ projectIdOrKey: 'MOB' });
    await jira.issueFieldConfigurations.assignFieldConfigurationSchemeToProject({ fieldConfigurationSchemeId: String(scheme.id), projectId: mob.id });
    expect((await make()).key).toMatch(/^MOB-/);
    // Requiring a field after creates were checked against the configuration without it.
    await jira.issueFieldConfigurations.updateFieldConfigurationItems({ id: config.id, fieldConfigurationItems: [{ id: 'environment', isRequired: true }] });
    expect((await failure(make())).data.errors).toEqual({ environment: 'Environment is required.' });
    // A new custom field made required is named in the error; renaming it renames the error.
    const f = await jira.issueFields.createCustomField({ name: 'Budget', type: 'com.atlassian.jira.plugin.system.customfieldtypes:float' });
    await jira.issueFieldConfigurations.updateFieldConfigurationItems({ id: config.id, fieldConfigurationItems: [{ id: 'environment', isRequired: false }, { id: f.id!, isRequired: true }] });
    expect((await failure(make())).data.errors).toEqual({ [f.id!]: 'Budget is required.' });
    await jira.issueFields.updateCustomField({ fieldId: f.id!, name: 'Spend' });
    expect((await failure(make())).data.errors).toEqual({ [f.id!]: 'Spend is required.' });
    expect((await make({ [f.id!]: 3 })).key).toMatch(/^MOB-/);
    await jira.issueFieldConfigurations.updateFieldConfigurationItems({ id: config.id, fieldConfigurationItems: [{ id: f.id!, isRequired: false }] });
    expect((await make()).key).toMatch(/^MOB-/);
  });

  it("a project's priority scheme limits its priorities and gives new issues the scheme's default", async () => {
    const jira = env.site.client;
    const prios = await jira.issuePriorities.getPriorities();
    const id = (n: string) => Number(prios.find((p) => p.name === n)!.id);
    const mkt = await jira.projects.getProject({ projectIdOrKey: 'MKT' });
    // Marketing's seeded issues use other priorities: moving the project in maps them.
    const used = [...new Set((await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = MKT', fields: ['priority'], maxResults: 100 })).issues!.map((i) => i.fields.priority?.id).filter(Boolean))] as string[];
    const mappings = { in: Object.fromEntries(used.filter((p) => ![id('Low'), id('Lowest')].includes(Number(p))).map((p) => [p, id('Low')])) };
    await jira.prioritySchemes.createPriorityScheme({ name: 'Marketing calm', defaultPriorityId: id('Lowest'), priorityIds: [id('Low'), id('Lowest')], projectIds: [Number(mkt.id)], mappings });
    const made = await jira.issues.createIssue({ fields: { project: { key: 'MKT' }, issuetype: { name: 'Task' }, summary: 'Quiet task' } });
    expect((await jira.issues.getIssue({ issueIdOrKey: made.key, fields: ['priority'] })).fields.priority?.name).toBe('Lowest');
    const refused = await failure(jira.issues.editIssue({ issueIdOrKey: made.key, fields: { priority: { name: 'Highest' } } }));
    expect([refused.status, refused.data.errors]).toEqual([400, { priority: 'The priority selected is invalid.' }]);
    const left = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = MKT', fields: ['priority'], maxResults: 100 });
    expect(left.issues!.every((i) => ['Low', 'Lowest'].includes(i.fields.priority?.name ?? ''))).toBe(true);
  });
});

describe('answers the live jira.js suite pins', () => {
  it('bare words search the text; malformed JQL is still a 400', async () => {
    const jira = env.site.client;
    expect((await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'this is not jql' })).issues).toEqual([]);
    const hit = await jira.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'Quokka migration plan' } });
    expect((await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'quokka migration' })).issues?.map((i) => i.id)).toEqual([hit.id]);
    expect((await failure(jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = "unterminated' }))).status).toBe(400);
  });

  it('screens for a field: custom fields only', async () => {
    expect((await failure(env.site.client.screens.getScreensForField({ fieldId: 'summary' } as never))).status).toBe(404);
    expect((await failure(env.site.client.screens.getScreensForField({ fieldId: 'customfield_99999999' } as never))).status).toBe(404);
  });

  it('priority search marks no default; one application property by key is an object', async () => {
    expect((await env.site.client.issuePriorities.searchPriorities({})).values!.every((p) => p.isDefault === false)).toBe(true);
    const one = (await env.site.client.jiraSettings.getApplicationProperty({ key: 'jira.clone.prefix' })) as unknown as { key?: string };
    expect(one.key).toBe('jira.clone.prefix');
    expect((await env.site.client.jiraSettings.getApplicationProperty({ keyFilter: 'jira.clone.*' })).map((p) => p.key)).toContain('jira.clone.prefix');
  });
});
