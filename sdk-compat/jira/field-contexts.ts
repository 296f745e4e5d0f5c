// jira.js compat: one select field, two configurations — a context scoped to a project and issue type with its own options and default, beside the global one.
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-custom-field-contexts/
import type { Version3Parameters } from 'jira.js';
import type { Scenario } from '../types.js';
import { overBothClients } from './clients.js';

const T = 'com.atlassian.jira.plugin.system.customfieldtypes:';
/** jira.js types the create body with the read-only `id` Jira assigns; it is not sent. */
const newContext = (p: Omit<Version3Parameters.CreateCustomFieldContext, 'id'>) => p as Version3Parameters.CreateCustomFieldContext;

export const scenarios: Scenario[] = overBothClients(
  { name: 'custom field contexts: scoped to projects and issue types, own options and defaults, mappings, delete' },
  async (jira, _ctx, t) => {
    const field = await jira.issueFields.createCustomField({ name: 'Severity', type: `${T}select` });
    const eng = await jira.projects.getProject({ projectIdOrKey: 'ENG' });
    const types = await jira.issueTypes.getIssueAllTypes();
    const bug = types.find((x) => x.name === 'Bug')!.id!;
    const task = types.find((x) => x.name === 'Task')!.id!;
    const [global] = (await jira.issueCustomFieldContexts.getContextsForField({ fieldId: field.id! })).values ?? [];
    t.check(global?.isGlobalContext === true && global.isAnyIssueType === true, 'a new field has one global context', global);

    const scoped = await jira.issueCustomFieldContexts.createCustomFieldContext(newContext({ fieldId: field.id!, name: 'ENG bugs', description: 'Severity for engineering bugs', projectIds: [eng.id!], issueTypeIds: [bug] }));
    t.check(scoped.id !== global.id && scoped.projectIds?.join() === eng.id && scoped.issueTypeIds?.join() === bug, 'createCustomFieldContext answers the scoped context', scoped);
    await t.expectError(
      () => jira.issueCustomFieldContexts.createCustomFieldContext(newContext({ fieldId: field.id!, name: 'Again', projectIds: [eng.id!] })),
      (e) => e.status === 400,
      'a project is in at most one context of a field',
    );
    const listed = await jira.issueCustomFieldContexts.getContextsForField({ fieldId: field.id!, isGlobalContext: false });
    t.check(listed.values?.map((c) => `${c.id}:${c.isGlobalContext}:${c.isAnyIssueType}`).join() === `${scoped.id}:false:false`, 'listing filters by isGlobalContext', listed.values);

    await jira.issueCustomFieldContexts.updateCustomFieldContext({ fieldId: field.id!, contextId: Number(scoped.id), name: 'ENG defects' });
    await jira.issueCustomFieldContexts.addIssueTypesToContext({ fieldId: field.id!, contextId: Number(scoped.id), issueTypeIds: [task] });
    const renamed = await jira.issueCustomFieldContexts.getContextsForField({ fieldId: field.id!, contextId: [Number(scoped.id)] });
    t.checkEffect(renamed.values?.[0]?.name === 'ENG defects', 'the context is renamed', renamed.values);
    const typeMap = await jira.issueCustomFieldContexts.getIssueTypeMappingsForContexts({ fieldId: field.id! });
    const byContext = (rows: Array<Record<string, unknown>> | undefined, id: string, key: string) => (rows ?? []).filter((r) => r.contextId === id).map((r) => String(r[key])).sort().join();
    t.check(byContext(typeMap.values as never, scoped.id!, 'issueTypeId') === [bug, task].sort().join() && byContext(typeMap.values as never, global.id!, 'isAnyIssueType') === 'true', 'issue type mappings: both types on the scoped context, any type on the global one', typeMap.values);
    const projectMap = await jira.issueCustomFieldContexts.getProjectContextMapping({ fieldId: field.id! });
    t.check(byContext(projectMap.values as never, scoped.id!, 'projectId') === eng.id && byContext(projectMap.values as never, global.id!, 'isGlobalContext') === 'true', 'project mappings: ENG on the scoped context, the global one global', projectMap.values);

    await jira.issueCustomFieldContexts.removeIssueTypesFromContext({ fieldId: field.id!, contextId: Number(scoped.id), issueTypeIds: [task] });

    // Which context applies: the scoped one for ENG bugs, the global one for ENG tasks (task was removed again) and other projects.
    const resolved = await jira.issueCustomFieldContexts.getCustomFieldContextsForProjectsAndIssueTypes({
      fieldId: field.id!,
      mappings: [{ projectId: eng.id!, issueTypeId: bug }, { projectId: eng.id!, issueTypeId: task }],
    });
    t.checkEffect(resolved.values?.map((m) => m.contextId).join() === `${scoped.id},${global.id}`, 'the scoped context applies to ENG bugs only', resolved.values);

    // Options belong to a context: the scoped context's options are not the global one's.
    const own = await jira.issueCustomFieldOptions.createCustomFieldOption({ fieldId: field.id!, contextId: Number(scoped.id), options: [{ value: 'Sev 1' }, { value: 'Sev 2' }] });
    const globalOptions = await jira.issueCustomFieldOptions.getOptionsForContext({ fieldId: field.id!, contextId: Number(global.id) });
    t.check(own.options?.length === 2 && globalOptions.values?.length === 0, "the scoped context's options stay out of the global context", globalOptions.values);
    await jira.issueCustomFieldContexts.setDefaultValues({ fieldId: field.id!, defaultValues: [{ contextId: scoped.id!, optionId: own.options![1].id!, type: 'option.single' }] } as never);
    const defaults = await jira.issueCustomFieldContexts.getDefaultValues({ fieldId: field.id! });
    t.checkEffect(JSON.stringify(defaults.values) === JSON.stringify([{ contextId: scoped.id, optionId: own.options![1].id, type: 'option.single' }]), 'the default is set on the scoped context only', defaults.values);
    await t.expectError(
      () => jira.issueCustomFieldContexts.setDefaultValues({ fieldId: field.id!, defaultValues: [{ contextId: global.id!, optionId: own.options![0].id!, type: 'option.single' }] } as never),
      (e) => e.status === 400,
      "a default must be one of that context's options",
    );

    const other = await jira.projects.createProject({ key: 'CTX', name: 'Context demo', projectTypeKey: 'software', leadAccountId: eng.lead!.accountId! });
    await jira.issueCustomFieldContexts.assignProjectsToCustomFieldContext({ fieldId: field.id!, contextId: Number(scoped.id), projectIds: [String(other.id)] });
    await jira.issueCustomFieldContexts.removeCustomFieldContextFromProjects({ fieldId: field.id!, contextId: Number(scoped.id), projectIds: [eng.id!] });
    const moved = await jira.issueCustomFieldContexts.getProjectContextMapping({ fieldId: field.id!, contextId: [Number(scoped.id)] });
    t.checkEffect(moved.values?.map((m) => m.projectId).join() === String(other.id), 'the scoped context moved from ENG to CTX', moved.values);
    await t.expectError(
      () => jira.issueCustomFieldContexts.removeCustomFieldContextFromProjects({ fieldId: field.id!, contextId: Number(scoped.id), projectIds: [String(other.id)] }),
      (e) => e.status === 400,
      'a project context keeps at least one project',
    );

    await jira.issueCustomFieldContexts.deleteCustomFieldContext({ fieldId: field.id!, contextId: Number(scoped.id) });
    const left = await jira.issueCustomFieldContexts.getContextsForField({ fieldId: field.id! });
    t.checkEffect(left.values?.map((c) => c.id).join() === global.id, 'only the global context is left', left.values);
    await t.expectError(() => jira.issueCustomFieldOptions.getOptionsForContext({ fieldId: field.id!, contextId: Number(scoped.id) }), (e) => e.status === 404, 'a deleted context is gone with its options', { effect: true });
  },
);
