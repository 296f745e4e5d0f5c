/** People: the user records Slack keeps for members and bot users, built as a workspace creates them. */
import type { Tenant } from '../../../src/core/tenant.js';
import { newId, nowSec } from '../store.js';
import type { SlackUser } from '../types.js';

/** What a new person is made from (fixture entries, admin.users.invite, OAuth installers). */
export interface PersonFields {
  name: string;
  real_name?: string;
  email?: string;
  title?: string;
  tz?: string;
  deleted?: boolean;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
}

/** Placeholder image URLs: clients only display them. */
const avatar = (hash: string, size: number) => `https://secure.gravatar.com/avatar/${hash}.jpg?s=${size}`;

export function makeProfile(tenant: Tenant, teamId: string, u: { real_name: string; display_name?: string; email?: string; title?: string }) {
  const hash = tenant.random.hex(12);
  const [first, ...rest] = u.real_name.split(' ');
  return {
    title: u.title ?? '', phone: '', skype: '', real_name: u.real_name, real_name_normalized: u.real_name,
    display_name: u.display_name ?? '', display_name_normalized: u.display_name ?? '', fields: null, status_text: '', status_emoji: '',
    status_expiration: 0, avatar_hash: hash, ...(u.email ? { email: u.email } : {}), first_name: first ?? '', last_name: rest.join(' '),
    image_24: avatar(hash, 24), image_32: avatar(hash, 32), image_48: avatar(hash, 48), image_72: avatar(hash, 72), image_192: avatar(hash, 192), image_512: avatar(hash, 512),
    team: teamId,
  };
}

export function makeUser(tenant: Tenant, teamId: string, f: PersonFields & { is_bot?: boolean; bot_id?: string; app_id?: string }): SlackUser {
  const real = f.real_name ?? f.name;
  const profile = makeProfile(tenant, teamId, { real_name: real, display_name: f.is_bot ? '' : f.name, email: f.email, title: f.title });
  if (f.is_bot) Object.assign(profile, { bot_id: f.bot_id, api_app_id: f.app_id, always_active: true });
  return {
    id: newId(tenant, f.is_bot ? 'U' : 'U'),
    team_id: teamId,
    name: f.name,
    deleted: !!f.deleted,
    color: tenant.random.hex(6),
    real_name: real,
    tz: f.tz ?? 'America/Los_Angeles',
    tz_label: 'Pacific Standard Time',
    tz_offset: -28800,
    profile,
    is_admin: !!f.is_admin,
    is_owner: !!f.is_owner,
    is_primary_owner: !!f.is_primary_owner,
    is_restricted: !!f.is_restricted,
    is_ultra_restricted: !!f.is_ultra_restricted,
    is_bot: !!f.is_bot,
    is_app_user: false,
    is_email_confirmed: !f.is_bot,
    updated: nowSec(tenant),
    who_can_share_contact_card: 'EVERYONE',
  };
}
