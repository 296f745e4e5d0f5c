/** Wraps an SDK client in recursive Proxies so every method reached from it is routed through one `invoke` hook under its dotted name. */

/** Called instead of the real method; it must call `fn` on `owner` (never the proxy) and hand back its result. */
export type Invoke = (owner: object, fn: Function, name: string, args: unknown[]) => unknown;

export class CallProxies {
  private proxies = new WeakMap<object, Map<string, object>>();
  private methods = new WeakMap<object, Map<string, { fn: Function; wrapped: Function }>>();

  constructor(private readonly invoke: Invoke) {}

  wrap<T extends object>(target: T, prefix: string): T {
    let cache = this.proxies.get(target);
    if (!cache) this.proxies.set(target, (cache = new Map()));
    const hit = cache.get(prefix);
    if (hit) return hit as T;
    const self = this;
    // A shadow target: googleapis freezes its API objects, and a Proxy over a frozen object
    // may only hand back the real (unwrapped) values of its read-only properties.
    const shadow = (typeof target === 'function' ? target : Object.create(null)) as T;
    const real = target as object;
    const proxy = new Proxy(shadow, {
      get(_s, prop) {
        const value = Reflect.get(real, prop, real);
        if (typeof prop === 'symbol' || prop === 'then' || prop === 'constructor' || prop === 'prototype') return value;
        if (shadow === real) {
          // A function is its own target, so the invariant applies: read-only, non-configurable comes back as is.
          const d = Object.getOwnPropertyDescriptor(real, prop);
          if (d && !d.configurable && !d.writable && 'value' in d) return value;
        }
        const name = prefix ? `${prefix}.${prop}` : prop;
        if (typeof value === 'function') return self.method(real, value as Function, name);
        if (value && typeof value === 'object' && !isOpaque(value)) return self.wrap(value as object, name);
        return value;
      },
      set: (_s, prop, value) => Reflect.set(real, prop, value),
      has: (_s, prop) => Reflect.has(real, prop),
      ownKeys: () => Reflect.ownKeys(real),
      getOwnPropertyDescriptor(_s, prop) {
        const d = Reflect.getOwnPropertyDescriptor(real, prop);
        return d ? { ...d, configurable: true } : undefined;
      },
      getPrototypeOf: () => Reflect.getPrototypeOf(real),
      defineProperty: (_s, prop, d) => Reflect.defineProperty(real, prop, d),
      deleteProperty: (_s, prop) => Reflect.deleteProperty(real, prop),
    });
    cache.set(prefix, proxy);
    return proxy;
  }

  private method(owner: object, fn: Function, name: string): Function {
    // Cached per owner: prototype methods are shared by every instance, and each wrapper calls its own owner.
    let cache = this.methods.get(owner);
    if (!cache) this.methods.set(owner, (cache = new Map()));
    const hit = cache.get(name);
    if (hit && hit.fn === fn) return hit.wrapped;
    const invoke = this.invoke;
    const wrapped = new Proxy(fn, {
      // Called on the real owner, never the proxy: SDKs keep private fields and bound state on `this`.
      apply: (f, _thisArg, args) => invoke(owner, f, name, args),
    });
    cache.set(name, { fn, wrapped });
    return wrapped;
  }
}

/** Values never walked into: they are data, not SDK namespaces. */
function isOpaque(v: object): boolean {
  return Array.isArray(v) || ArrayBuffer.isView(v) || v instanceof Date || v instanceof Map || v instanceof Set || v instanceof Promise || v instanceof RegExp || v instanceof Error;
}
