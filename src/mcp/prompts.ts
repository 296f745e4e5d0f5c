/** Prompts: ready plans for common test setups, written against the dtu tools. */
import { z } from 'zod';

export interface PromptDef {
  name: string;
  title: string;
  description: string;
  args: Record<string, z.ZodOptional<z.ZodString>>;
  text(args: Record<string, string | undefined>): string;
}

export const PROMPTS: PromptDef[] = [
  {
    name: 'okta_offboarding_org',
    title: 'An Okta org for an offboarding flow',
    description: 'Sets up a tenant where one employee is leaving: active, in groups, assigned to apps; then tells how to check the offboarding code.',
    args: { tenant: z.string().optional(), login: z.string().optional() },
    text: ({ tenant = 'offboarding', login = 'leaver@acme.example' }) => `Set up an Okta tenant "${tenant}" for testing an offboarding flow, using the dtu tools:
1. create_tenant {tenant:"${tenant}", vendors:["okta"]}.
2. seed_tenant {vendor:"okta", tenant:"${tenant}", add:{users:[{profile:{firstName:"Lee",lastName:"Ver",email:"${login}",login:"${login}",department:"Engineering"}, password:"Leav1ng!Pass", groups:["engineering"]}]}} — the Engineering group rule and app assignments apply.
3. inspect_okta {what:"user", query:"${login}", tenant:"${tenant}"} to see the groups; inspect_okta {what:"apps", tenant:"${tenant}"} for assignments.
4. Run the offboarding code against the base URL and credentials list_twins gives for tenant "${tenant}".
5. Check: inspect_okta {what:"user", query:"${login}"} shows DEPROVISIONED (or SUSPENDED, as the flow intends), the user is gone from every group and app; query_journal {vendor:"okta", tenant:"${tenant}"} shows the calls made; explain_failure for any refusal.`,
  },
  {
    name: 'slack_app_workspace',
    title: 'A Slack workspace to test an app',
    description: 'A tenant with channels and people, the app connected over Socket Mode, and the person actions that exercise it.',
    args: { tenant: z.string().optional(), channel: z.string().optional() },
    text: ({ tenant = 'slack-app', channel = 'support' }) => `Prepare Slack tenant "${tenant}" to test a bot:
1. seed_tenant {vendor:"slack", tenant:"${tenant}", add:{channels:[{key:"${channel}", name:"${channel}", creator:"alice", members:["alice","bob","dtubot"]}]}}.
2. list_twins {tenant:"${tenant}"} and start the app with SLACK_BOT_TOKEN, SLACK_APP_TOKEN (Socket Mode) and SLACK_API_URL from its env.
3. slack_act {action:"message", tenant:"${tenant}", args:{user:"bob", channel:"${channel}", text:"<@dtubot> help"}} — the app receives app_mention.
4. inspect_slack {what:"messages", channel:"${channel}", tenant:"${tenant}"} shows what it answered; slack_act block_action / view_submission drive its buttons and modals.
5. add_fault {vendor:"slack", kind:"rate_limit", operation:"chat.postMessage", count:1} checks it retries as Slack asks.`,
  },
  {
    name: 'jira_workflow_check',
    title: 'Check code that moves Jira issues',
    description: 'Runs a Jira-integrating program against a fresh site and verifies the issues it touched by status and history.',
    args: { tenant: z.string().optional(), jql: z.string().optional() },
    text: ({ tenant = 'jira-check', jql = 'project = ENG ORDER BY updated DESC' }) => `1. create_tenant {tenant:"${tenant}", vendors:["jira"]}; run the program with JIRA_HOST, JIRA_EMAIL and JIRA_API_TOKEN from list_twins.
2. inspect_jira {tenant:"${tenant}", jql:"${jql}"} lists the issues; inspect_jira {key:"…"} shows each one's change history.
3. jira_act {action:"transition", key:"…", to:"Done"} moves an issue as a person would, to test how the program reacts.
4. query_journal {vendor:"jira", tenant:"${tenant}", failedOnly:true} and explain_failure show refused calls (Jira answers 404 when the caller may not browse a project).`,
  },
];
