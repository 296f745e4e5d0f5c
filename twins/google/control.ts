/** The Google twin's own /_dtu/google/ routes: push subscriptions and deliveries (realtime/pubsub.ts), and acts people do in the Drive and Gmail UIs. */
import type { Hono } from 'hono';
import type { DtuEnv } from '../../src/core/pipeline.js';
import type { Twin } from '../../src/core/twin.js';
import type { Role } from './store.js';
import { ProposalRuleError, requestAccess } from './drive/model/access-proposals.js';
import { presentAccessProposal } from './drive/present/approvals.js';
import { pubsubControl, tenantOf } from './realtime/pubsub.js';
import { confirmSendAs } from './gmail/model/settings.js';

export function googleControl(app: Hono<DtuEnv>, twin: Twin): void {
  pubsubControl(app, twin);
  // Clicking the link in Gmail's send-as confirmation mail: the code it carried marks the alias accepted.
  app.post('/_dtu/google/act/gmail/confirm-send-as', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { email?: unknown; alias?: unknown; code?: unknown };
    if (typeof body.email !== 'string' || typeof body.alias !== 'string' || typeof body.code !== 'string') {
      return c.json({ error: { code: 400, message: 'email, alias and code are required' } }, 400);
    }
    const t = twin.tenant(tenantOf(c));
    if (!confirmSendAs(t, body.email, body.alias, body.code)) return c.json({ error: { code: 404, message: 'no pending alias with that code' } }, 404);
    t.markDirty();
    return c.json({ sendAsEmail: body.alias.toLowerCase(), verificationStatus: 'accepted' });
  });
  // "Request access" on a file: a person without the role asks whoever can share it (Drive's AccessProposal).
  app.post('/_dtu/google/act/drive/request-access', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { fileId?: unknown; requester?: unknown; role?: unknown; message?: unknown };
    if (typeof body.fileId !== 'string' || typeof body.requester !== 'string' || !body.requester.includes('@')) {
      return c.json({ error: { code: 400, message: 'fileId and requester (an email) are required' } }, 400);
    }
    const t = twin.tenant(tenantOf(c));
    try {
      const p = requestAccess(t, body.fileId, body.requester, (typeof body.role === 'string' ? body.role : 'reader') as Role, typeof body.message === 'string' ? body.message : undefined);
      t.markDirty();
      return c.json(presentAccessProposal(p));
    } catch (e) {
      if (!(e instanceof ProposalRuleError)) throw e;
      const [status, message] = e.kind === 'noFile' ? [404, 'file not found'] : e.kind === 'badRole' ? [400, 'role must be reader, commenter or writer'] : [409, 'the requester already has that access'];
      return c.json({ error: { code: status, message } }, status as 400 | 404 | 409);
    }
  });
}
