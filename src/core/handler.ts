/**
 * The contract between the engine and hand-written behavior: what a handler
 * receives for one operation call, and what it may return.
 */
import type { OperationDigest } from './digest.js';
import type { Tenant } from './tenant.js';
import type { Twin } from './twin.js';

/** Who is calling, as the twin's authenticator established it. */
export interface Principal {
  /** Token type as the vendor names it (`SSWS`, `Bearer`, `bot`, `user`, `app`, `Basic`, …). */
  kind: string;
  /** The subject: a user id, an app/client id, a bot id. */
  subject?: string;
  /** Granted scopes, when the credential has them. */
  scopes?: string[];
  /** The raw credential value (never logged unredacted). */
  token?: string;
  /** Anything else the twin wants to keep about the caller. */
  [key: string]: unknown;
}

/** Everything a handler needs for one call. */
export interface OpContext<P = Record<string, string>, Q = Record<string, unknown>, B = unknown> {
  op: OperationDigest;
  twin: Twin;
  tenant: Tenant;
  principal: Principal;
  /** Path parameters, decoded. */
  params: P;
  /** Query parameters, coerced to the types the spec declares (repeated keys become arrays). */
  query: Q;
  /** The parsed body: JSON, form fields (as an object) or raw bytes for other types. */
  body: B;
  /** Raw bytes of the request body (for signatures and uploads). */
  rawBody: Uint8Array;
  headers: Headers;
  req: Request;
  /** Origin plus tenant prefix, as the caller addressed the twin: `http://127.0.0.1:4010/t/acme`. */
  baseUrl: string;
  /** The current time from the twin's clock. */
  now(): Date;
}

/** A handler answers with a Response, or with parts the engine turns into one. */
export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * `JSON.stringify(body)`, when the handler already has it (a cached presentation): sent and journaled as is.
   * Given alone (no `body`), it is the JSON reply, and a contract check reads the object back from it: a handler
   * that writes its reply as text need not build the object too.
   */
  bodyText?: string;
}

export type HandlerReturn = Response | Reply;

export type Handler<P = any, Q = any, B = any> = (ctx: OpContext<P, Q, B>) => HandlerReturn | Promise<HandlerReturn>;

/** Typed handler for an openapi-typescript `operations[K]` entry. */
export type HandlerFor<O> = Handler<PathOf<O>, QueryOf<O>, BodyOf<O>>;

type Params<O> = O extends { parameters: infer P } ? P : never;
export type PathOf<O> = Params<O> extends { path?: infer X } ? (X extends Record<string, unknown> ? { [K in keyof X]-?: string } : Record<string, string>) : Record<string, string>;
export type QueryOf<O> = Params<O> extends { query?: infer X } ? (X extends Record<string, unknown> ? X : Record<string, unknown>) : Record<string, unknown>;
export type BodyOf<O> = O extends { requestBody?: { content: infer C } }
  ? C extends { 'application/json': infer J }
    ? J
    : C extends { 'application/x-www-form-urlencoded': infer F }
      ? F
      : any
  : any;

/** A map of hand-written handlers by operationId. */
export type HandlerMap = Record<string, Handler>;
