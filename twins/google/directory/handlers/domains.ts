/** Admin Directory v1 customer, domains and domain aliases. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { googleError } from '../../errors.js';
import { checkCustomer, requireAdmin } from '../model/directory.js';
import { addDomain, addDomainAlias, changeCustomer, domainAliases, removeDomain, removeDomainAlias } from '../model/domains.js';
import { jsonObject, str } from '../../request.js';
import { listBody } from '../present/common.js';
import { presentCustomer, presentDomain, presentDomainAlias } from '../present/domain.js';

function guard(ctx: OpContext, key = ctx.params.customer) {
  requireAdmin(ctx);
  return checkCustomer(ctx.tenant, key);
}

function updateCustomer(ctx: OpContext, replace: boolean): Reply {
  guard(ctx, ctx.params.customerKey);
  return { body: presentCustomer(changeCustomer(ctx.tenant, jsonObject(ctx, 'admin'), replace)) };
}

const domainNotFound = () => googleError('admin', { code: 404, message: 'Domain not found.', reason: 'notFound' });

function getDomain(ctx: OpContext): Reply {
  const c = guard(ctx);
  const name = ctx.params.domainName.toLowerCase();
  if (!c.domains.includes(name)) throw domainNotFound();
  return { body: presentDomain(ctx.tenant, name) };
}

function getAlias(ctx: OpContext): Reply {
  guard(ctx);
  const a = domainAliases(ctx.tenant).get(ctx.params.domainAliasName.toLowerCase());
  if (!a) throw googleError('admin', { code: 404, message: 'Domain alias not found.', reason: 'notFound' });
  return { body: presentDomainAlias(a) };
}

export const adminDomainHandlers = {
  'directory.customers.get': (ctx) => ({ body: presentCustomer(guard(ctx, ctx.params.customerKey)) }),
  'directory.customers.update': (ctx) => updateCustomer(ctx, true),
  'directory.customers.patch': (ctx) => updateCustomer(ctx, false),
  'directory.domains.list': (ctx) => ({ body: listBody('admin#directory#domains2', 'domains', guard(ctx).domains.map((d) => presentDomain(ctx.tenant, d))) }),
  'directory.domains.get': getDomain,
  'directory.domains.insert': (ctx) => {
    guard(ctx);
    const name = addDomain(ctx.tenant, jsonObject(ctx, 'admin').domainName, ctx.now().toISOString());
    return { body: presentDomain(ctx.tenant, name) };
  },
  'directory.domains.delete': (ctx) => {
    guard(ctx);
    removeDomain(ctx.tenant, ctx.params.domainName);
    return { status: 204 };
  },
  'directory.domainAliases.list': (ctx) => {
    guard(ctx);
    const parent = str(ctx.query.parentDomainName)?.toLowerCase();
    const all = domainAliases(ctx.tenant).filter((a) => !parent || a.parentDomainName === parent);
    return { body: listBody('admin#directory#domainAliases', 'domainAliases', all.map(presentDomainAlias)) };
  },
  'directory.domainAliases.get': getAlias,
  'directory.domainAliases.insert': (ctx) => {
    guard(ctx);
    const body = jsonObject(ctx, 'admin');
    return { body: presentDomainAlias(addDomainAlias(ctx.tenant, body.domainAliasName, body.parentDomainName, ctx.now().toISOString())) };
  },
  'directory.domainAliases.delete': (ctx) => {
    guard(ctx);
    removeDomainAlias(ctx.tenant, ctx.params.domainAliasName);
    return { status: 204 };
  },
} satisfies Handlers;
