// Turns the TypeScript declarations an SDK ships (.d.ts) into OpenAPI 3.0 schemas: structure only, never doc comments.
//
// Used by the SDK overlay generators (jira-sdk-overlay.ts, okta-sdk-overlay.ts):
// an SDK's request and response types are the best record of operations a pinned
// vendor document lacks. Named declarations the caller picks become component
// schemas (`$ref`), everything else is inlined.
import ts from 'typescript';
import type { Obj } from './load.js';

export interface TsSchemaOptions {
  /** Component name for a named declaration (interface, class, alias, enum), or undefined to inline it. */
  componentName(symbol: ts.Symbol): string | undefined;
  /** Names the vendor document already defines: referenced, never converted. */
  existing: Set<string>;
  /** Per-property format hints (`Class.property` → `date-time`), e.g. from an SDK's attribute maps. */
  format?(owner: string, property: string): string | undefined;
  /** Treat `T | null` as `T` (SDKs that type every field nullable for a wire that omits absent fields). */
  dropNull?: boolean;
  /** The name a property travels under when the SDK renames it (`_delete` → `delete`). */
  wireName?(owner: string, property: string): string | undefined;
}

export function createProgram(files: string[]): ts.Program {
  return ts.createProgram(files, {
    noEmit: true,
    skipLibCheck: true,
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  });
}

const SKIP_PROPERTY = /^(attributeTypeMap|getAttributeTypeMap)$/; // SDK class statics, should a declaration drop `static`

export class TsSchemas {
  /** Component schemas converted so far, by name. */
  readonly components = new Map<string, Obj>();
  private readonly converting = new Set<string>();

  constructor(
    readonly checker: ts.TypeChecker,
    private readonly opts: TsSchemaOptions,
  ) {}

  /** Schema for a type; `number` becomes `integer` where `integers` is set (query and path parameters). */
  schema(type: ts.Type, integers = false, depth = 0): Obj {
    const c = this.checker;
    const f = type.flags;
    if (depth > 40) return {};
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never | ts.TypeFlags.Void)) return {};
    if (f & ts.TypeFlags.StringLiteral) return { type: 'string', enum: [(type as ts.StringLiteralType).value] };
    if (f & ts.TypeFlags.NumberLiteral) return { type: integers ? 'integer' : 'number', enum: [(type as ts.NumberLiteralType).value] };
    if (f & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral)) return { type: 'string' };
    if (f & ts.TypeFlags.Number) return { type: integers ? 'integer' : 'number' };
    if (f & ts.TypeFlags.BigInt) return { type: 'integer' };
    if (f & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
    if (f & ts.TypeFlags.EnumLike) return this.named(type, integers, depth) ?? this.union(type, integers, depth);

    if (type.isUnion()) return this.named(type, integers, depth) ?? this.union(type, integers, depth);
    if (type.isIntersection()) {
      const named = this.named(type, integers, depth);
      if (named) return named;
      return { allOf: type.types.map((t) => this.schema(t, integers, depth + 1)) };
    }
    if (c.isArrayType(type) || c.isTupleType(type)) {
      const args = c.getTypeArguments(type as ts.TypeReference);
      const items = args.length === 1 ? this.schema(args[0]!, integers, depth + 1) : args.length ? { anyOf: args.map((a) => this.schema(a, integers, depth + 1)) } : {};
      return { type: 'array', items };
    }
    if (f & ts.TypeFlags.Object) {
      const symbolName = type.getSymbol()?.getName();
      if (symbolName === 'Date') return { type: 'string', format: 'date-time' };
      if (symbolName && /^(Blob|Buffer|File|ArrayBuffer|Uint8Array|ReadableStream|Readable|Stream|FormData)$/.test(symbolName)) return { type: 'string', format: 'binary' };
      if (symbolName === 'Set' || symbolName === 'ReadonlySet') {
        const [arg] = c.getTypeArguments(type as ts.TypeReference);
        return { type: 'array', items: arg ? this.schema(arg, integers, depth + 1) : {}, uniqueItems: true };
      }
      if (symbolName === 'Map' || symbolName === 'ReadonlyMap') {
        const [, value] = c.getTypeArguments(type as ts.TypeReference);
        return { type: 'object', additionalProperties: value ? this.schema(value, integers, depth + 1) : {} };
      }
      if (type.getCallSignatures().length && !c.getPropertiesOfType(type).length) return {};
      return this.named(type, integers, depth) ?? this.object(type, integers, depth);
    }
    return {};
  }

  /** The properties of an object type as `{ type: object, properties, required }`. */
  object(type: ts.Type, integers = false, depth = 0, owner?: string): Obj {
    const c = this.checker;
    const properties: Obj = {};
    const required: string[] = [];
    for (const prop of c.getPropertiesOfType(type)) {
      const name = prop.getName();
      if (SKIP_PROPERTY.test(name) || name.startsWith('__')) continue;
      const decl = prop.valueDeclaration ?? prop.declarations?.[0];
      if (decl && ts.getCombinedModifierFlags(decl as ts.Declaration) & ts.ModifierFlags.Static) continue;
      // `undefined` in an optional property's union is dropped by union(); `null` stays (nullable).
      const propType = decl ? c.getTypeOfSymbolAtLocation(prop, decl) : c.getTypeOfSymbol(prop);
      if (propType.getCallSignatures().length && !c.getPropertiesOfType(propType).length) continue; // methods
      const optional = (prop.flags & ts.SymbolFlags.Optional) !== 0;
      const schema = this.schema(propType, integers, depth + 1);
      const format = owner ? this.opts.format?.(owner, name) : undefined;
      if (format && schema.type && !schema.format && format !== schema.type) schema.format = format;
      if (format && (format === 'int32' || format === 'int64') && schema.type === 'number') schema.type = 'integer';
      const wire = (owner && this.opts.wireName?.(owner, name)) || name;
      properties[wire] = schema;
      if (!optional && !hasUndefined(propType)) required.push(wire);
    }
    const out: Obj = { type: 'object', properties };
    if (required.length) out.required = required;
    const index = c.getIndexInfoOfType(type, ts.IndexKind.String);
    if (index) out.additionalProperties = this.schema(index.type, integers, depth + 1);
    if (!Object.keys(properties).length && !index) return { type: 'object' };
    return out;
  }

  private union(type: ts.Type, integers: boolean, depth: number): Obj {
    const members = (type as ts.UnionType).types ?? [type];
    let nullable = false;
    const rest: ts.Type[] = [];
    for (const t of members) {
      if (t.flags & ts.TypeFlags.Null) nullable = !this.opts.dropNull;
      else if (!(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void))) rest.push(t);
    }
    let out: Obj;
    const literals = rest.filter((t) => t.flags & ts.TypeFlags.StringLiteral);
    const hasString = rest.some((t) => t.flags & ts.TypeFlags.String);
    const numbers = rest.filter((t) => t.flags & ts.TypeFlags.NumberLiteral);
    if (rest.length && rest.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) {
      out = { type: 'boolean' };
    } else if (rest.length && literals.length === rest.length) {
      out = { type: 'string', enum: literals.map((t) => (t as ts.StringLiteralType).value) };
    } else if (rest.length && numbers.length === rest.length) {
      out = { type: integers ? 'integer' : 'number', enum: numbers.map((t) => (t as ts.NumberLiteralType).value) };
    } else {
      // `'a' | 'b' | string` is a string; drop literals swallowed by a plain string.
      const kept = hasString ? rest.filter((t) => !(t.flags & ts.TypeFlags.StringLiteral)) : rest;
      const booleans = kept.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
      const others = kept.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral));
      const schemas = others.map((t) => this.schema(t, integers, depth + 1));
      if (booleans.length) schemas.push({ type: 'boolean' });
      const unique = [...new Map(schemas.map((s) => [JSON.stringify(s), s])).values()];
      out = unique.length === 1 ? unique[0]! : unique.length ? { anyOf: unique } : {};
    }
    if (nullable) {
      if (out.type) out = { ...out, nullable: true };
      else if (out.$ref || out.anyOf) out = { anyOf: [...(out.anyOf ?? [out]), { type: 'object', nullable: true }] };
    }
    return out;
  }

  /** A `$ref` when the type is a declaration the caller names; converts it the first time. */
  private named(type: ts.Type, integers: boolean, depth: number): Obj | undefined {
    const symbol = type.aliasSymbol ?? type.getSymbol();
    if (!symbol) return undefined;
    // Generic instantiations (Paginated<X>) are inlined: one name cannot describe them all.
    if (type.aliasTypeArguments?.length || ((type as ts.TypeReference).typeArguments?.length && !this.checker.isArrayType(type))) return undefined;
    const name = this.opts.componentName(symbol);
    if (!name) return undefined;
    const ref = { $ref: `#/components/schemas/${name}` };
    if (this.opts.existing.has(name) || this.components.has(name) || this.converting.has(name)) return ref;
    this.converting.add(name);
    let schema: Obj;
    if (type.isUnion() || type.flags & ts.TypeFlags.EnumLike) schema = this.union(type, false, depth);
    else if (type.isIntersection()) schema = { allOf: type.types.map((t) => this.schema(t, false, depth + 1)) };
    else schema = this.object(type, false, depth, name);
    this.components.set(name, schema);
    this.converting.delete(name);
    return ref;
  }
}

/** `T | undefined` → `T`; `unknown` and `any` stay as they are (the checker would make them `{}`). */
export function nonNullable(checker: ts.TypeChecker, type: ts.Type): ts.Type {
  return type.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any) ? type : checker.getNonNullableType(type);
}

function hasUndefined(type: ts.Type): boolean {
  return type.isUnion() && type.types.some((t) => t.flags & ts.TypeFlags.Undefined);
}
