// fast-check generators for calls a hostile or broken renderer could make
// through the contract (shared/contract.ts): real and unknown method names, and
// inputs derived from each method's own zod schema, mostly near-valid (the ids
// that exist in the database, lengths at and just past each limit, each enum
// value) and then bent: a key dropped or added, a value of the wrong type, the
// whole input replaced, or prototype-pollution keys (__proto__, constructor,
// prototype) placed as own properties at the top or in a nested object.
// Everything generated is structured-clone safe, as Electron's IPC requires.
import fc from 'fast-check';
import type { z } from 'zod';
import { api, METHOD_NAMES, type MethodName } from '../../shared/contract';
import { contentFromParagraphs } from '../../shared/lexical-json';

/** The ids in the database when a batch of calls is generated, by what they name. */
export interface IdPools {
  plan: string[];
  section: string[];
  thread: string[];
  stakeholder: string[];
  commitment: string[];
  template: string[];
  /** The plans' places: a Health and Wellbeing Board opinion is saved under one of them. */
  place: string[];
}

/** Which pool a field's ids come from, by the field's name in the contract. */
const ID_FIELDS: Record<string, keyof IdPools> = {
  planId: 'plan',
  sectionId: 'section',
  parentId: 'section',
  afterSectionId: 'section',
  sectionIds: 'section',
  threadId: 'thread',
  stakeholderId: 'stakeholder',
  commitmentId: 'commitment',
  templateId: 'template',
  board: 'place',
};

/** Keys that pollute Object.prototype when code merges untrusted objects carelessly. */
export const POLLUTION_PAYLOADS: readonly string[] = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"prototype":{"polluted":"yes"}}',
  '{"__proto__":{"__proto__":{"polluted":"yes"}}}',
  '{"__proto__":{"toString":"polluted","valueOf":"polluted"}}',
];

/** A field left out of an object (optional or defaulted fields are sometimes omitted). */
const OMIT = Symbol('omit');

export type ContractCall = { method: unknown; input: unknown; variant: string };

// zod 4 keeps a schema's definition on `.def`; only what the generators read is typed here.
interface Check {
  _zod: { def: { check: string; maximum?: number; minimum?: number; format?: string; pattern?: RegExp } };
}
interface Def {
  type: string;
  checks?: Check[];
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  in?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  values?: unknown[];
  entries?: Record<string, string>;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { def: Def }).def;
const checksOf = (schema: z.ZodType) => (defOf(schema).checks ?? []).map((c) => c._zod.def);

const randomId = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);

/** Strings that have broken text handling elsewhere: controls, escapes, lone surrogates, markup, SQL. */
const AWKWARD_STRINGS = [
  '',
  '   ',
  '\u0000',
  '\u001b[2J\u001b]0;title\u0007',
  'e\u0301',
  '\uD800',
  '<script>alert(1)</script>',
  "'; DROP TABLE plans; --",
  '%s%n',
  '../../etc/passwd',
];

function idFor(kind: keyof IdPools, pools: IdPools): fc.Arbitrary<string> {
  const known = pools[kind];
  const otherKinds = (Object.keys(pools) as (keyof IdPools)[]).filter((k) => k !== kind).flatMap((k) => pools[k]);
  return fc.oneof(
    { arbitrary: known.length ? fc.constantFrom(...known) : randomId, weight: 8 },
    // An id of another kind (a plan id where a section id belongs) must be not_found, never a match.
    { arbitrary: otherKinds.length ? fc.constantFrom(...otherKinds) : randomId, weight: 1 },
    { arbitrary: randomId, weight: 1 },
    { arbitrary: fc.constantFrom('', 'x'.repeat(65), 'a b', 'a/b', '../x', '__proto__', 'constructor'), weight: 1 },
  );
}

/** Section content: Lexical JSON as the editor saves it, or text that only looks like it. */
const sectionContent: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.array(fc.string({ maxLength: 80 }), { maxLength: 4 }).map(contentFromParagraphs), weight: 6 },
  {
    arbitrary: fc.constantFrom(
      '{}',
      '[]',
      'null',
      '{"root":{}}',
      '{"root":{"type":"root","children":[{"type":"script","children":[]}]}}',
      '{"root":{"type":"root","children":"text"}}',
      `{"root":${'{"type":"paragraph","children":['.repeat(200)}${']}'.repeat(200)}}`,
      '{"root":{"type":"root","children":[{"type":"paragraph","children":[{"type":"text","text":"x","__proto__":{"polluted":"yes"}}]}]}}',
      '{"root":',
    ),
    weight: 2,
  },
  { arbitrary: fc.string(), weight: 1 },
);

function stringFor(schema: z.ZodType, field: string, pools: IdPools): fc.Arbitrary<unknown> {
  const kind = ID_FIELDS[field];
  if (kind) return idFor(kind, pools);
  if (field === 'content') return sectionContent;
  if (field === 'email')
    return fc.oneof(
      { arbitrary: fc.emailAddress(), weight: 3 },
      { arbitrary: fc.constant(''), weight: 1 },
      { arbitrary: fc.constantFrom(...AWKWARD_STRINGS, 'a@b', '@example.org', `${'a'.repeat(250)}@example.org`), weight: 1 },
    );
  const checks = checksOf(schema);
  const max = checks.find((c) => c.check === 'max_length')?.maximum;
  const pattern = checks.find((c) => c.check === 'string_format' && c.format === 'regex')?.pattern;
  const plain = pattern ? fc.stringMatching(pattern) : fc.string({ maxLength: Math.min(max ?? 40, 40) });
  const edges = [...AWKWARD_STRINGS];
  // Lengths at and one past the limit; limits in the millions are left to the hostile-file proofs.
  if (max !== undefined && max <= 100_000) edges.push('a'.repeat(max), 'a'.repeat(max + 1), ` ${'a'.repeat(max)} `);
  return fc.oneof({ arbitrary: plain, weight: 5 }, { arbitrary: fc.constantFrom(...edges), weight: 2 });
}

function numberFor(schema: z.ZodType, field: string): fc.Arbitrary<unknown> {
  const { minValue, maxValue, isInt } = schema as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean };
  const low = Number.isFinite(minValue) ? minValue! : -1_000_000;
  // Revisions start at 1 and grow one per save: small ones meet real rows, larger ones are stale or from the future.
  const high = Number.isFinite(maxValue) ? maxValue! : field === 'revision' ? 3 : 1_000_000;
  const valid = isInt ? fc.integer({ min: low, max: high }) : fc.double({ min: low, max: high, noNaN: true });
  const edges = [low - 1, high + 1, low + 0.5, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2, 1e308];
  return fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: fc.constantFrom(...edges), weight: 2 });
}

/** A near-valid value for `schema`, found under the key `field`. */
export function valueFor(schema: z.ZodType, field: string, pools: IdPools): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return stringFor(schema, field, pools);
    case 'number':
      return numberFor(schema, field);
    case 'boolean':
      return fc.oneof({ arbitrary: fc.boolean(), weight: 5 }, { arbitrary: fc.constantFrom('true', 1, null), weight: 1 });
    case 'enum': {
      const options = Object.values(def.entries ?? {});
      return fc.oneof({ arbitrary: fc.constantFrom(...options), weight: 5 }, { arbitrary: fc.constantFrom('', 'bogus', options[0]!.toUpperCase()), weight: 1 });
    }
    case 'literal':
      return fc.oneof({ arbitrary: fc.constantFrom(...(def.values ?? [])), weight: 5 }, { arbitrary: fc.constant('bogus'), weight: 1 });
    case 'optional':
    case 'default':
      return fc.oneof(fc.constant(OMIT), valueFor(def.innerType!, field, pools));
    case 'nullable':
      return fc.oneof(fc.constant(null), valueFor(def.innerType!, field, pools));
    case 'pipe':
      return valueFor(def.in!, field, pools);
    case 'array': {
      const max = checksOf(schema).find((c) => c.check === 'max_length')?.maximum;
      const element = valueFor(def.element!, field, pools);
      const arrays = [{ arbitrary: fc.array(element, { maxLength: Math.min(max ?? 5, 5) }), weight: 5 }];
      if (max !== undefined && max <= 60) arrays.push({ arbitrary: fc.array(element, { minLength: max + 1, maxLength: max + 1 }), weight: 1 });
      return fc.oneof(...arrays);
    }
    case 'tuple':
      return fc.tuple(...(def.items ?? []).map((item) => valueFor(item, field, pools)));
    case 'record':
      return fc.dictionary(valueFor(def.keyType!, 'key', pools) as fc.Arbitrary<string>, valueFor(def.valueType!, field, pools), { maxKeys: 4 });
    case 'union':
      // A choice of shapes (e.g. recoverDatabase): a near-valid value of one of them.
      return fc.oneof(...((def as { options?: z.ZodType[] }).options ?? []).map((option) => valueFor(option, field, pools)));
    case 'object': {
      const fields = Object.fromEntries(Object.entries(def.shape ?? {}).map(([key, value]) => [key, valueFor(value, key, pools)]));
      return fc.record(fields).map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== OMIT)));
    }
    default:
      return fc.jsonValue();
  }
}

/** Values of every kind structured clone carries: what a renderer could send in place of anything. */
const anyCloneable = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withBoxedValues: true,
});

/** Adds `key` as an own property, as JSON.parse or structured clone would, never through a setter. */
function withOwn(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  // A generated input that is not an object (see pollute) is sent as it is: it is bent enough already.
  if (typeof target !== 'object' || target === null) return target;
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

function pollute(generated: Record<string, unknown>, payload: string, nestedKey: string | undefined): Record<string, unknown> {
  // A copy: fast-check may hand the same nested values to other runs.
  const input = structuredClone(generated);
  const parsed = JSON.parse(payload) as Record<string, unknown>;
  const nested = nestedKey !== undefined && typeof input[nestedKey] === 'object' && input[nestedKey] !== null && !Array.isArray(input[nestedKey]);
  const target = nested ? (input[nestedKey] as Record<string, unknown>) : input;
  // An input that is not an object (a method whose schema is a union of shapes may generate one) has no keys to pollute.
  if (typeof target !== 'object' || target === null) return input;
  for (const key of Object.keys(parsed)) withOwn(target, key, parsed[key]);
  return input;
}

/** A near-valid input for `method`, sometimes bent one way (the variant names how). */
function inputFor(method: MethodName, pools: IdPools): fc.Arbitrary<ContractCall> {
  const base = valueFor(api[method].input as z.ZodType, '', pools) as fc.Arbitrary<Record<string, unknown>>;
  const keys = Object.keys(defOf(api[method].input as z.ZodType).shape ?? {});
  const someKey = keys.length ? fc.constantFrom(...keys) : fc.constant('planId');
  const call = (variant: string) => (input: unknown) => ({ method, input, variant });
  return fc.oneof(
    { arbitrary: base.map(call('near-valid')), weight: 10 },
    {
      arbitrary: fc
        .tuple(base, someKey)
        .map(([input, key]) => ({ method, input: Object.fromEntries(Object.entries(input).filter(([k]) => k !== key)), variant: 'key dropped' })),
      weight: 2,
    },
    {
      arbitrary: fc
        .tuple(base, fc.constantFrom('unexpected', 'id', 'isAdmin', 'planID', ''), anyCloneable)
        .map(([input, key, value]) => ({ method, input: withOwn(input, key, value), variant: 'key added' })),
      weight: 2,
    },
    { arbitrary: fc.tuple(base, someKey, anyCloneable).map(([input, key, value]) => ({ method, input: withOwn(input, key, value), variant: 'wrong type' })), weight: 2 },
    {
      arbitrary: fc
        .tuple(base, fc.constantFrom(...POLLUTION_PAYLOADS), fc.option(someKey, { nil: undefined }))
        .map(([input, payload, key]) => ({ method, input: pollute(input, payload, key), variant: 'prototype pollution' })),
      weight: 3,
    },
    { arbitrary: fc.oneof(anyCloneable, fc.constantFrom(undefined, null, [], '', 0)).map(call('input replaced')), weight: 1 },
  );
}

const unknownMethod: fc.Arbitrary<ContractCall> = fc
  .oneof(
    fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'isPrototypeOf',
      'SAVESECTIONCONTENT',
      'listPlans ',
      ' listPlans',
      'listplans',
      '',
    ),
    fc.string({ maxLength: 30 }),
    anyCloneable,
  )
  .chain((method) => fc.oneof(fc.constant({}), anyCloneable).map((input) => ({ method, input, variant: 'unknown method' })));

/**
 * One call through the contract. The fictional sample plan is a large write, so
 * it is asked for rarely: often enough to be fuzzed, not so often that the
 * database (and each check of it) grows without need.
 */
export function contractCall(pools: IdPools): fc.Arbitrary<ContractCall> {
  const weightOf = (method: MethodName) => (method === 'createSamplePlan' ? 1 : 12);
  const known = METHOD_NAMES.map((method) => ({ arbitrary: inputFor(method, pools), weight: weightOf(method) }));
  const knownWeight = METHOD_NAMES.reduce((sum, method) => sum + weightOf(method), 0);
  return fc.oneof(...known, { arbitrary: unknownMethod, weight: Math.round(knownWeight / 9) });
}
