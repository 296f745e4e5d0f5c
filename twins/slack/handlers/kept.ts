/** A Slack read method whose answers are kept until the workspace changes (src/core/reply-cache.ts): the same call answers the same text. */
import type { Handler, Reply } from '../../../src/core/handler.js';
import type { ReplyCache } from '../../../src/core/reply-cache.js';
import { TwinBug } from '../../../src/core/errors.js';
import { readArgs } from './args.js';
import { callerOf } from '../auth.js';
import { method, type SlackMethod } from './common.js';

/**
 * `method(m)`, answered from `cache` while the tenant's revision holds. The key names everything the answer
 * reads besides the workspace: the token (the caller, its scopes and their headers), the request's method and
 * content type (Slack's charset warnings) and the arguments. `m` must be synchronous and read only the
 * workspace and those; `DTU_CHECK_CACHES=1` presents every hit again and compares.
 */
export function keptMethod(cache: ReplyCache, m: SlackMethod): Handler {
  const answer = method(m);
  return (ctx) => {
    const who = callerOf(ctx.principal);
    const key = `${who.token ?? ''}\n${ctx.req.method}\n${ctx.req.headers.get('content-type') ?? ''}\n${JSON.stringify(readArgs(ctx))}`;
    return cache.page(ctx.tenant, key, () => {
      const reply = answer(ctx);
      if (reply instanceof Response || reply instanceof Promise) throw new TwinBug('a kept Slack method answered asynchronously or with a raw Response');
      return { body: (reply as Reply).body, headers: (reply as Reply).headers };
    });
  };
}

