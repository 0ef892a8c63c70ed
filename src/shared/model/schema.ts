/**
 * A small schema kit: one definition gives a fast runtime check, a precise error report
 * (path and field) and the JSON Schema that the OpenAPI document publishes.
 *
 * Why our own and not a library: the check runs on every record of every response (100,000 rows
 * per listing), so it must be closure-compiled and allocation-free on the happy path, never use
 * `eval`/`new Function` (extension pages forbid it), and emit the same JSON Schema the contract
 * publishes. Each schema has two paths: `is` (fast, boolean) and `explain` (slow, run only after
 * `is` fails, collecting issues with their paths).
 */

/** One thing wrong with a value, and where. */
export interface Issue {
  /** JSON-path-like location, e.g. `items[3].projectedAnnualCost.currency`. */
  path: string;
  message: string;
}

export type JsonSchema = {[keyword: string]: unknown};

export interface Schema<T> {
  /** JSON Schema of the value (a `$ref` for named schemas). */
  readonly json: JsonSchema;
  /** Fast check: true when the value conforms. */
  readonly is: (value: unknown) => value is T;
  /** Appends what is wrong with a value to `issues`; call only after `is` returned false. */
  readonly explain: (value: unknown, path: string, issues: Issue[]) => void;
  /**
   * Present when the value holds properties added after records were first written
   * ({@link defaulted}): returns the value with every absent one filled in (the same value when
   * none was absent). Call only on a value `is` accepted; {@link withDefaults} does both.
   */
  // Method syntax: a schema of a narrower value still passes where `Schema<unknown>` is asked for.
  fill?(value: T): T;
  /** Phantom for type inference; never set. */
  readonly _type?: T;
}

const describe = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? 'a string' : `"${value}"`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
};

function leaf<T>(json: JsonSchema, is: (v: unknown) => v is T, expected: (v: unknown) => string): Schema<T> {
  return {
    json,
    is,
    explain: (v, path, issues) => {
      if (!is(v)) issues.push({path, message: expected(v)});
    },
  };
}

export interface StringOptions {
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
  /** JSON Schema `format`, documentation only. */
  format?: string;
  /** Human name of the pattern for messages, e.g. "an ISO date". */
  patternName?: string;
}

/** A string; `maxLength` defaults to 2,000 so no field can carry an unbounded payload. */
export function string(options: StringOptions = {}): Schema<string> {
  const {minLength = 0, maxLength = 2000, pattern, format, patternName} = options;
  const json: JsonSchema = {type: 'string', maxLength};
  if (minLength) json.minLength = minLength;
  if (pattern) json.pattern = pattern.source;
  if (format) json.format = format;
  const is = (v: unknown): v is string =>
    typeof v === 'string' && v.length >= minLength && v.length <= maxLength && (!pattern || pattern.test(v));
  return leaf(json, is, (v) => {
    if (typeof v !== 'string') return `expected a string, got ${describe(v)}`;
    if (v.length < minLength) return minLength === 1 ? 'must not be empty' : `must be at least ${minLength} characters`;
    if (v.length > maxLength) return `must be at most ${maxLength} characters (got ${v.length})`;
    return `expected ${patternName ?? `text matching ${pattern?.source}`}, got ${describe(v)}`;
  });
}

export interface NumberOptions {
  min?: number;
  max?: number;
  integer?: boolean;
}

export function number(options: NumberOptions = {}): Schema<number> {
  const {min = -Number.MAX_VALUE, max = Number.MAX_VALUE, integer = false} = options;
  const json: JsonSchema = {type: integer ? 'integer' : 'number'};
  if (options.min !== undefined) json.minimum = min;
  if (options.max !== undefined) json.maximum = max;
  const is = (v: unknown): v is number =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v));
  return leaf(json, is, (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return `expected a number, got ${describe(v)}`;
    if (integer && !Number.isInteger(v)) return `expected a whole number, got ${v}`;
    return `must be between ${min} and ${max}, got ${v}`;
  });
}

export function boolean(): Schema<boolean> {
  return leaf({type: 'boolean'}, (v): v is boolean => typeof v === 'boolean', (v) => `expected true or false, got ${describe(v)}`);
}

/** One of a fixed list of strings or numbers. */
export function oneOf<const V extends string | number>(values: readonly V[]): Schema<V> {
  const set = new Set<unknown>(values);
  return leaf({enum: [...values]}, (v): v is V => set.has(v), (v) => `expected one of ${values.join(', ')}; got ${describe(v)}`);
}

export function nullable<T>(inner: Schema<T>): Schema<T | null> {
  const fill = inner.fill;
  return {
    json: {oneOf: [inner.json, {type: 'null'}]},
    is: (v): v is T | null => v === null || inner.is(v),
    explain: (v, path, issues) => inner.explain(v, path, issues),
    ...(fill && {fill: (v: T | null) => (v === null ? v : fill(v))}),
  };
}

export interface ArrayOptions {
  maxItems?: number;
}

/** An array; `maxItems` defaults to 1,000 so a hostile response cannot balloon one record. */
export function array<T>(item: Schema<T>, options: ArrayOptions = {}): Schema<T[]> {
  const {maxItems = 1000} = options;
  const fillItem = item.fill;
  return {
    ...(fillItem && {
      fill: (v: T[]) => {
        let out = v;
        for (let i = 0; i < v.length; i++) {
          const f = fillItem(v[i]);
          if (f !== v[i]) (out === v ? (out = v.slice()) : out)[i] = f;
        }
        return out;
      },
    }),
    json: {type: 'array', items: item.json, maxItems},
    is: (v): v is T[] => {
      if (!Array.isArray(v) || v.length > maxItems) return false;
      for (let i = 0; i < v.length; i++) if (!item.is(v[i])) return false;
      return true;
    },
    explain: (v, path, issues) => {
      if (!Array.isArray(v)) return void issues.push({path, message: `expected an array, got ${describe(v)}`});
      if (v.length > maxItems) issues.push({path, message: `must hold at most ${maxItems} items (got ${v.length})`});
      for (let i = 0; i < v.length && i < maxItems; i++) {
        if (!item.is(v[i])) item.explain(v[i], `${path}[${i}]`, issues);
      }
    },
  };
}

/** An object with string keys and uniform values. */
export function record<T>(value: Schema<T>, options: {maxKeys?: number} = {}): Schema<Record<string, T>> {
  const {maxKeys = 1000} = options;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  return {
    json: {type: 'object', additionalProperties: value.json, maxProperties: maxKeys},
    is: (v): v is Record<string, T> => {
      if (!isObject(v)) return false;
      const keys = Object.keys(v);
      if (keys.length > maxKeys) return false;
      for (const k of keys) if (!value.is(v[k])) return false;
      return true;
    },
    explain: (v, path, issues) => {
      if (!isObject(v)) return void issues.push({path, message: `expected an object, got ${describe(v)}`});
      const keys = Object.keys(v);
      if (keys.length > maxKeys) issues.push({path, message: `must hold at most ${maxKeys} keys`});
      for (const k of keys) if (!value.is(v[k])) value.explain(v[k], `${path}.${k}`, issues);
    },
  };
}

/** Every property of `T`, each with its schema; optional properties take `optional(...)`. */
export type Shape<T> = {[K in keyof T]-?: Schema<T[K]>};

/**
 * An object with exactly the keys of `T` checked; unknown extra keys are tolerated (a newer
 * server may add fields) but not copied into typed code.
 */
export function object<T>(shape: Shape<T>): Schema<T> {
  const keys = Object.keys(shape) as (keyof T & string)[];
  const checks = keys.map((k) => shape[k]);
  const optional = new Set(keys.filter((k) => (shape[k] as Schema<unknown> & {optional?: true}).optional));
  const properties: JsonSchema = {};
  for (const k of keys) properties[k] = shape[k].json;
  const json: JsonSchema = {type: 'object', properties, required: keys.filter((k) => !optional.has(k))};
  const n = keys.length;
  // Properties that may be absent in older records, with what they read as; and nested ones that may hold such.
  const fallbacks = keys.flatMap((k) => {
    const d = shape[k] as Schema<unknown> & {fallback?: unknown};
    return 'fallback' in d ? [[k, d.fallback] as const] : [];
  });
  const nested = keys.flatMap((k) => {
    const f = shape[k].fill as ((v: unknown) => unknown) | undefined;
    return f ? [[k, f] as const] : [];
  });
  const fill =
    fallbacks.length || nested.length
      ? (v: T): T => {
          const o = v as Record<string, unknown>;
          let out = o;
          const set = (k: string, value: unknown) => {
            if (out === o) out = {...o};
            out[k] = value;
          };
          for (const [k, fallback] of fallbacks) if (out[k] === undefined) set(k, structuredClone(fallback));
          for (const [k, f] of nested) {
            if (out[k] === undefined) continue;
            const filled = f(out[k]);
            if (filled !== out[k]) set(k, filled);
          }
          return out as T;
        }
      : undefined;
  return {
    ...(fill && {fill}),
    json,
    is: (v): v is T => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
      const o = v as Record<string, unknown>;
      for (let i = 0; i < n; i++) if (!checks[i].is(o[keys[i]])) return false;
      return true;
    },
    explain: (v, path, issues) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        return void issues.push({path, message: `expected an object, got ${describe(v)}`});
      }
      const o = v as Record<string, unknown>;
      for (let i = 0; i < n; i++) {
        const k = keys[i];
        const childPath = path ? `${path}.${k}` : k;
        if (!(k in o) && !optional.has(k)) issues.push({path: childPath, message: 'is missing'});
        else if (!checks[i].is(o[k])) checks[i].explain(o[k], childPath, issues);
      }
    },
  };
}

/** A property that may be absent. */
export function optional<T>(inner: Schema<T>): Schema<T | undefined> & {optional: true} {
  const fill = inner.fill;
  return {
    json: inner.json,
    optional: true,
    is: (v): v is T | undefined => v === undefined || inner.is(v),
    explain: (v, path, issues) => inner.explain(v, path, issues),
    ...(fill && {fill: (v: T | undefined) => (v === undefined ? v : fill(v))}),
  };
}

/**
 * A property added after records were first written: older records (a cache, an older server)
 * lack it and still conform; reading them through {@link withDefaults} fills in `fallback`. Typed as
 * always present, so code downstream of `withDefaults` never sees it absent. Published as optional
 * with a JSON Schema `default`.
 */
export function defaulted<T>(inner: Schema<T>, fallback: T): Schema<T> & {optional: true; fallback: T} {
  return {
    json: {...inner.json, default: fallback},
    optional: true,
    fallback,
    is: (v): v is T => v === undefined || inner.is(v),
    explain: (v, path, issues) => inner.explain(v, path, issues),
    ...(inner.fill && {fill: inner.fill}),
  };
}

/** A value that conforms to `schema`, with the properties older records lack filled in. */
export function withDefaults<T>(schema: Schema<T>, value: T): T {
  return schema.fill ? schema.fill(value) : value;
}

/**
 * One of several object shapes told apart by a string property (`mode`, `kind`…): each variant
 * is an `object()` whose `tag` property is `oneOf([its value])`.
 */
export function tagged<T>(tag: string, variants: Record<string, Schema<unknown>>): Schema<T> {
  const names = Object.keys(variants);
  const variantOf = (v: unknown): Schema<unknown> | undefined => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    const t = (v as Record<string, unknown>)[tag];
    return typeof t === 'string' && Object.hasOwn(variants, t) ? variants[t] : undefined;
  };
  const fills = names.some((n) => variants[n].fill);
  return {
    // Tags that share one shape (`reader`, `engineer`…) publish it once.
    json: {oneOf: [...new Map(names.map((n) => [JSON.stringify(variants[n].json), variants[n].json])).values()]},
    is: (v): v is T => variantOf(v)?.is(v) ?? false,
    explain: (v, path, issues) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return void issues.push({path, message: `expected an object, got ${describe(v)}`});
      const variant = variantOf(v);
      if (!variant) return void issues.push({path: path ? `${path}.${tag}` : tag, message: `expected one of ${names.join(', ')}; got ${describe((v as Record<string, unknown>)[tag])}`});
      variant.explain(v, path, issues);
    },
    ...(fills && {fill: (v: T) => (variantOf(v)?.fill?.(v) ?? v) as T}),
  };
}

/** The path of an issue from its steps: `['notifications', 'emails', 2]` → `notifications.emails[2]`. */
export function issuePath(steps: readonly (string | number)[]): string {
  let path = '';
  for (const step of steps) path += typeof step === 'number' ? `[${step}]` : path ? `.${step}` : step;
  return path;
}

/** The steps of an issue's path: `notifications.emails[2]` → `['notifications', 'emails', 2]`. */
export function issueSteps(path: string): (string | number)[] {
  const steps: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) steps.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return steps;
}

/** Named schemas, published under `components.schemas` of the OpenAPI document. */
export const components: Record<string, JsonSchema> = {};

/** Gives a schema a name: its JSON becomes a `$ref`, its body a component. */
export function named<T>(name: string, inner: Schema<T>, description?: string): Schema<T> {
  components[name] = description ? {description, ...inner.json} : inner.json;
  return {...inner, json: {$ref: `#/components/schemas/${name}`}};
}

/** Checks a value, returning the issues (empty when valid). */
export function validate<T>(schema: Schema<T>, value: unknown, path = ''): Issue[] {
  if (schema.is(value)) return [];
  const issues: Issue[] = [];
  schema.explain(value, path, issues);
  // `is` and `explain` disagree only on a kit bug; never report "invalid" with no reason.
  if (!issues.length) issues.push({path: path || '(root)', message: 'does not match the expected shape'});
  return issues;
}

/** Renders issues for a message: `items[3].name: must not be empty; …`. */
export function formatIssues(issues: readonly Issue[], max = 5): string {
  const shown = issues.slice(0, max).map((i) => `${i.path || '(root)'}: ${i.message}`);
  if (issues.length > max) shown.push(`and ${issues.length - max} more`);
  return shown.join('; ');
}

/** Anything; for envelopes whose items are checked one by one afterwards. */
export function unknown(): Schema<unknown> {
  return {json: {}, is: (v): v is unknown => v !== undefined, explain: (v, path, issues) => void (v === undefined && issues.push({path, message: 'is missing'}))};
}
