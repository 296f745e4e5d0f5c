// jira.js compat: an admin adds custom fields (number, select with options, date, textarea), the team fills them on issues, and JQL filters on them.
import { Version2Client, Version3Client } from 'jira.js';
import type { Scenario } from '../types.js';
import { overBothClients } from './clients.js';

const T = 'com.atlassian.jira.plugin.system.customfieldtypes:';
const doc = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

export const scenarios: Scenario[] = overBothClients(
  { name: 'custom fields: create, options, typed values on issues, JQL by cf[id] and name' },
  async (jira, ctx, t, api) => {
    const points = await jira.issueFields.createCustomField({ name: 'Story Points', type: `${T}float`, searcherKey: `${T}exactnumber` });
    const team = await jira.issueFields.createCustomField({ name: 'Team', type: `${T}select` });
    const target = await jira.issueFields.createCustomField({ name: 'Target date', type: `${T}datepicker` });
    const notes = await jira.issueFields.createCustomField({ name: 'Release notes', type: `${T}textarea` });
    t.check(/^customfield_\d+$/.test(points.id ?? '') && points.schema?.type === 'number', 'custom fields get customfield_ ids and schemas', points);
    const fields = await jira.issueFields.getFields();
    t.check(fields.filter((f) => f.custom).map((f) => f.name).join() === 'Story Points,Team,Target date,Release notes', 'getFields lists the custom fields', fields.filter((f) => f.custom));
    await jira.issueFields.updateCustomField({ fieldId: notes.id!, description: 'Shown in the changelog' });
    const paged = await jira.issueFields.getFieldsPaginated({ type: ['custom'], query: 'notes' });
    t.checkEffect(paged.total === 1 && paged.values?.[0]?.description === 'Shown in the changelog', 'field search finds by name', paged);

    const contexts = await jira.issueCustomFieldContexts.getContextsForField({ fieldId: team.id! });
    t.check(contexts.values?.length === 1 && contexts.values[0].isGlobalContext === true, 'a new field has one global context', contexts);
    const contextId = contexts.values![0].id as unknown as number;
    const createdOptions = await jira.issueCustomFieldOptions.createCustomFieldOption({ fieldId: team.id!, contextId, options: [{ value: 'Core' }, { value: 'Growth' }, { value: 'Old' }] });
    t.check(createdOptions.options?.map((o) => o.value).join() === 'Core,Growth,Old' && createdOptions.options.every((o) => !!o.id), 'createCustomFieldOption answers the options with ids', createdOptions);
    const options = await jira.issueCustomFieldOptions.getOptionsForContext({ fieldId: team.id!, contextId });
    t.check(options.values?.map((o) => o.value).join() === 'Core,Growth,Old', 'options of the context in order', options);
    const [core, growth, old] = options.values!;
    const updatedOptions = await jira.issueCustomFieldOptions.updateCustomFieldOption({ fieldId: team.id!, contextId, options: [{ id: growth.id, value: 'Growth & Retention' }] });
    t.check(updatedOptions.options?.[0]?.value === 'Growth & Retention', 'updateCustomFieldOption answers the changed options', updatedOptions);
    await jira.issueCustomFieldOptions.deleteCustomFieldOption({ fieldId: team.id!, contextId, optionId: old.id as unknown as number });
    const remaining = await jira.issueCustomFieldOptions.getOptionsForContext({ fieldId: team.id!, contextId });
    t.checkEffect(remaining.values?.map((o) => o.value).join() === 'Core,Growth & Retention', 'a deleted option is gone', remaining);
    const renamed = await jira.issueCustomFieldOptions.getCustomFieldOption({ id: growth.id });
    t.check(renamed.value === 'Growth & Retention', 'options can be renamed', renamed);

    const a = await jira.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Story' }, summary: 'Faster builds', [points.id!]: 8, [team.id!]: { id: core.id }, [target.id!]: '2030-03-01', [notes.id!]: api === 3 ? doc('Builds are twice as fast') : 'Builds are twice as fast' } as any });
    t.check(/^ENG-\d+$/.test(a.key ?? ''), 'an issue with custom values is created', a);
    const b = await jira.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Story' }, summary: 'Onboarding emails', [points.id!]: 3, [team.id!]: { value: 'Growth & Retention' } } as any });
    await t.expectError(
      () => jira.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'x', [points.id!]: 'lots', [team.id!]: { value: 'Old' } } as any }),
      (e) => e.status === 400 && e.response?.data?.errors?.[points.id!] === 'Operation value must be a number' && e.response?.data?.errors?.[team.id!] === "Option value 'Old' is not valid",
      'values are checked against the field type and options',
    );
    const got = await jira.issues.getIssue({ issueIdOrKey: a.key!, fields: [points.id!, team.id!, target.id!, notes.id!] });
    t.check(got.fields[points.id!] === 8 && got.fields[team.id!]?.value === 'Core' && got.fields[target.id!] === '2030-03-01', 'typed values read back', got.fields);
    const meta = await jira.issues.getEditIssueMeta({ issueIdOrKey: a.key! });
    const teamMeta = (meta.fields as Record<string, any>)[team.id!];
    t.check(teamMeta?.allowedValues?.map((o: { value: string }) => o.value).join() === 'Core,Growth & Retention', 'edit metadata lists the options', teamMeta);

    await jira.issues.editIssue({ issueIdOrKey: b.key!, fields: { [points.id!]: 5 } as any });
    const n = points.id!.replace('customfield_', '');
    const big = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: `cf[${n}] >= 5 ORDER BY cf[${n}] DESC`, fields: ['summary'] });
    t.checkEffect(big.issues?.map((i) => i.key).join() === `${a.key},${b.key}`, 'JQL by cf[id], ordered by its value', big);
    const byName = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: `"Story Points" >= 5 AND Team in (Core, "Growth & Retention") ORDER BY key`, fields: ['summary'] });
    t.check(byName.issues?.map((i) => i.key).join() === `${a.key},${b.key}`, 'JQL by field name and option', byName);
    const text = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: '"Release notes" ~ "twice as fast"', fields: ['summary'] });
    t.check(text.issues?.map((i) => i.key).join() === a.key, 'textarea text search', text);

    // Trash and restore are bodiless POSTs: axios labels them form-encoded, so Jira's XSRF check wants the no-check token.
    await t.expectError(() => jira.issueFields.trashCustomField({ id: target.id! }), (e) => e.status === 403, 'trash without X-Atlassian-Token is refused');
    const config = { host: ctx.baseUrl, noCheckAtlassianToken: true, authentication: { basic: { email: ctx.credentials.email as string, apiToken: ctx.credentials.apiToken as string } } };
    const noCheck = api === 3 ? t.track(new Version3Client(config), '') : (t.track(new Version2Client(config), 'v2') as unknown as Version3Client);
    await noCheck.issueFields.trashCustomField({ id: target.id! });
    const trashed = await jira.issueFields.getTrashedFieldsPaginated({});
    t.checkEffect(trashed.values?.[0]?.id === target.id, 'a trashed field is listed as trashed', trashed);
    const hidden = await jira.issues.getIssue({ issueIdOrKey: a.key! });
    t.check(!(target.id! in hidden.fields), 'a trashed field is hidden from issues', Object.keys(hidden.fields));
    await noCheck.issueFields.restoreCustomField({ id: target.id! });
    const back = await jira.issues.getIssue({ issueIdOrKey: a.key!, fields: [target.id!] });
    t.checkEffect(back.fields[target.id!] === '2030-03-01', 'restoring brings the values back', back.fields);
    await jira.issueFields.deleteCustomField({ id: target.id! });
    const after = await jira.issueFields.getFields();
    t.checkEffect(!after.some((f) => f.id === target.id), 'a deleted field is gone', after.length);
  },
);
