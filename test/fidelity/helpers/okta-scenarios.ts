/** Scenarios driving the real Okta SDK against the mini Okta twin: one clean, one with a failing check, one socket-only, one that crashes. */
import okta from '@okta/okta-sdk-nodejs';
import type { LoadedScenario } from '../../../sdk-compat/runner.js';
import type { CompatContext } from '../../../sdk-compat/types.js';

const client = (ctx: CompatContext) => new okta.Client({ orgUrl: ctx.credentials.orgUrl, token: ctx.credentials.token, cacheMiddleware: null });

export const oktaScenarios: LoadedScenario[] = [
  {
    vendor: 'okta',
    sdk: '@okta/okta-sdk-nodejs',
    name: 'groups: create, read, list, delete',
    async run(ctx, t) {
      const c = t.track(client(ctx), '');
      const g = await c.groupApi.createGroup({ group: { profile: { name: 'Engineers' } } });
      t.check(g.id && g.profile?.name === 'Engineers', 'createGroup returns the group');
      const got = await c.groupApi.getGroup({ groupId: g.id! });
      t.check(got.id === g.id, 'getGroup finds it');
      const names: string[] = [];
      for await (const x of await c.groupApi.listGroups({ limit: 1 })) names.push(x!.profile!.name!);
      t.check(names.includes('Engineers'), 'listGroups lists it', names);
      await c.groupApi.deleteGroup({ groupId: g.id! });
      await t.expectError(() => c.groupApi.getGroup({ groupId: g.id! }), (e) => e.status === 404 && e.errorCode === 'E0000007', 'deleted group is gone', { effect: true });
    },
  },
  {
    vendor: 'okta',
    sdk: '@okta/okta-sdk-nodejs',
    name: 'groups: a wrong expectation',
    async run(ctx, t) {
      const c = t.track(client(ctx), '');
      const g = await c.groupApi.createGroup({ group: { profile: { name: 'Ops' } } });
      t.check(g.profile?.description === 'never set', 'description survives a round trip', g.profile);
    },
  },
  {
    vendor: 'okta',
    sdk: '@okta/okta-sdk-nodejs',
    name: 'socket only',
    modes: ['socket'],
    modesReason: 'needs a listening port for the test',
    async run(ctx, t) {
      t.check(ctx.mode === 'socket' && ctx.baseUrl.startsWith('http://127.0.0.1:'), 'runs over a real socket', ctx.baseUrl);
    },
  },
  {
    vendor: 'okta',
    sdk: '@okta/okta-sdk-nodejs',
    name: 'wrong token crashes',
    async run(ctx, t) {
      const c = t.track(new okta.Client({ orgUrl: ctx.credentials.orgUrl, token: 'not-the-token', cacheMiddleware: null }), 'bad');
      await c.groupApi.getGroup({ groupId: '00gnothere' });
    },
  },
];
