import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside `value`, the root included. */
function pathsOf(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => pathsOf(v, [...at, i])));
  if (value !== null && typeof value === 'object')
    return here.concat(...Object.entries(value).map(([k, v]) => pathsOf(v, [...at, k])));
  return here;
}

/** `value` with the thing at `path` replaced, or removed when `replacement` is undefined. */
function mutateAt(value: Json, path: (string | number)[], replacement: Json | undefined): Json {
  if (path.length === 0) return replacement ?? null;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    const inner = mutateAt(copy[head as number] ?? null, rest, replacement);
    if (rest.length === 0 && replacement === undefined) copy.splice(head as number, 1);
    else copy[head as number] = inner;
    return copy;
  }
  if (value !== null && typeof value === 'object') {
    const copy = { ...value };
    if (rest.length === 0 && replacement === undefined) delete copy[head as string];
    else copy[head as string] = mutateAt(copy[head as string] ?? null, rest, replacement);
    return copy;
  }
  return value;
}

/** Names that are properties of every object: as values, keys or ids they must be plain data. */
export const PROTOTYPE_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
];

/** `depth` lists inside one another, built without recursion. */
function deep(depth: number): Json {
  let value: Json = 'bottom';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/**
 * The values of issue 15's hostile requests: prototype names (as values and as keys, a
 * `__proto__` key included, as JSON.parse makes it), lone surrogates and NUL, extreme
 * instants, numbers and durations, ids past an index row, and nesting past every limit.
 */
export const hostileValue: fc.Arbitrary<Json> = fc.constantFrom<Json>(
  ...PROTOTYPE_NAMES,
  ...PROTOTYPE_NAMES.map((name) => JSON.parse(`{"${name}":"x"}`) as Json),
  '\ud800',
  'a\udc00b',
  'nul\u0000',
  '0000-01-01T00:00:00Z',
  '1957-06-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  1e308,
  -1e308,
  2 ** 53 + 1,
  1e20,
  -0,
  '30000d',
  '99999999999999999999h',
  'x'.repeat(2_800),
  deep(40),
  deep(100),
);

/**
 * Bodies near a valid one: up to three of its values replaced by random JSON, by a hostile
 * value or removed, so the fuzzing reaches past the first shape check into the mapping and
 * the database.
 */
export function mutated(valid: unknown): fc.Arbitrary<Json> {
  const base = valid as Json;
  const paths = pathsOf(base);
  const edit = fc.tuple(
    fc.nat({ max: paths.length - 1 }),
    fc.option(
      fc.oneof(
        fc.jsonValue({ maxDepth: 2, stringUnit: 'binary' }) as fc.Arbitrary<Json>,
        hostileValue,
      ),
      { nil: undefined },
    ),
  );
  // Or a prototype name added as a key of an object of the body, as its own property.
  const key = fc.tuple(fc.nat({ max: paths.length - 1 }), fc.constantFrom(...PROTOTYPE_NAMES));
  return fc
    .array(
      fc.oneof(
        edit.map((e) => ({ replace: e })),
        key.map((k) => ({ key: k })),
      ),
      {
        minLength: 1,
        maxLength: 3,
      },
    )
    .map((edits) =>
      edits.reduce<Json>((body, e) => {
        if ('replace' in e) return mutateAt(body, paths[e.replace[0]] ?? [], e.replace[1]);
        const path = paths[e.key[0]] ?? [];
        return mutateAt(body, path, withKey(valueAt(body, path), e.key[1]));
      }, base),
    );
}

/** The value at `path`, or null where the body no longer has one. */
function valueAt(value: Json, path: (string | number)[]): Json {
  let at: Json | undefined = value;
  for (const step of path)
    at = at !== null && typeof at === 'object' ? (at as Record<string, Json>)[step] : undefined;
  return at ?? null;
}

/** An object with `key` as its own property (`__proto__` too, as JSON.parse makes it). */
function withKey(value: Json, key: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const copy = { ...value };
  Object.defineProperty(copy, key, {
    value: 'x',
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

/** Any body: mutated valid ones, any JSON, and text that is not JSON at all. */
export function bodies(valid: unknown): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: mutated(valid).map((v) => JSON.stringify(v)) },
    {
      weight: 2,
      arbitrary: fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }).map((v) => JSON.stringify(v)),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 200, unit: 'binary' }) },
  );
}
