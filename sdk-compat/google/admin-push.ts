// googleapis compat: Directory push notifications — users.watch per event, users.aliases.watch, channels.stop; guest accounts announced like any user.
import type { Scenario } from '../types.js';
import { SDK, apis, classic, email, sink } from './common.js';

interface Delivery {
  channelId: string;
  state: string;
  body?: { kind?: string; id?: string; primaryEmail?: string; alias?: string };
}

const scenario: Scenario = {
  vendor: 'google',
  sdk: SDK,
  name: 'Admin Directory: push channels for users and aliases, guest accounts',
  async run(ctx, t) {
    const admin = t.track(apis(ctx).admin, 'admin');
    const sent = async (channelId: string) => ((await ctx.control('GET', 'google/push/deliveries')).deliveries as Delivery[]).filter((d) => d.channelId === channelId);

    const adds = await admin.users.watch({ customer: 'my_customer', event: 'add', requestBody: { id: 'users-add', type: 'web_hook', address: sink(ctx), token: 'directory-sync' } });
    t.check(adds.data.kind === 'api#channel' && adds.data.resourceId && /event=add/.test(adds.data.resourceUri ?? ''), 'users channel opened for one event', adds.data);
    const any = await admin.users.watch({ customer: 'my_customer', requestBody: { id: 'users-all', type: 'web_hook', address: sink(ctx) } });
    t.check(any.data.id === 'users-all', 'users channel opened for every event', any.data);

    const guest = await admin.users.createGuest({ requestBody: { customer: 'my_customer', primaryGuestEmail: 'pat@partner.example' } });
    t.check(guest.data.isGuestUser === true && guest.data.guestAccountInfo?.primaryGuestEmail === 'pat@partner.example', 'guest account created', guest.data);
    await t.expectError(() => admin.users.createGuest({ requestBody: { customer: 'my_customer', primaryGuestEmail: email(ctx, 'someone') } }), classic(400, 'invalid'), 'a guest comes from outside the domains');
    const user = await admin.users.insert({ requestBody: { primaryEmail: email(ctx, 'quinn'), name: { givenName: 'Quinn', familyName: 'Q' }, password: 'welcome-2-acme' } });
    t.check(user.data.id, 'user created', user.data);
    await admin.users.patch({ userKey: email(ctx, 'quinn'), requestBody: { suspended: true } });
    // The first message of a channel is `sync`; then one per change, naming the event and carrying the user.
    const onAdd = await sent('users-add');
    t.checkEffect(onAdd.map((d) => d.state).join() === 'sync,add,add' && onAdd[2].body?.primaryEmail === email(ctx, 'quinn') && onAdd[2].body?.kind === 'admin#directory#user', 'the add channel heard both creations, not the update', onAdd);
    const onAny = await sent('users-all');
    t.check(onAny.map((d) => d.state).join() === 'sync,add,add,update', 'the all-events channel heard the update too', onAny);

    const aliases = await admin.users.aliases.watch({ userKey: email(ctx, 'quinn'), requestBody: { id: 'quinn-aliases', type: 'web_hook', address: sink(ctx) } });
    t.check(aliases.data.id === 'quinn-aliases' && aliases.data.resourceUri?.includes(user.data.id!), 'alias channel opened', aliases.data);
    await admin.users.aliases.insert({ userKey: email(ctx, 'quinn'), requestBody: { alias: email(ctx, 'q') } });
    await admin.users.aliases.delete({ userKey: email(ctx, 'quinn'), alias: email(ctx, 'q') });
    const onAlias = await sent('quinn-aliases');
    t.checkEffect(onAlias.map((d) => `${d.state}:${d.body?.alias ?? ''}`).join() === `sync:,add:${email(ctx, 'q')},delete:${email(ctx, 'q')}`, 'alias added and removed, announced', onAlias);

    await admin.channels.stop({ requestBody: { id: 'users-all', resourceId: any.data.resourceId! } });
    await admin.users.delete({ userKey: email(ctx, 'quinn') });
    const afterStop = await sent('users-all');
    t.checkEffect(afterStop.length === 4, 'a stopped channel hears nothing more', afterStop);
    await t.expectError(() => admin.channels.stop({ requestBody: { id: 'users-all', resourceId: any.data.resourceId! } }), classic(404, 'notFound'), 'stopping twice → 404');
  },
};

export default scenario;
