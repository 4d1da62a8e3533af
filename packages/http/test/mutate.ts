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

/**
 * Bodies near a valid one: up to three of its values replaced by random JSON or removed,
 * so the fuzzing reaches past the first shape check into the mapping and the database.
 */
export function mutated(valid: unknown): fc.Arbitrary<Json> {
  const base = valid as Json;
  const paths = pathsOf(base);
  const edit = fc.tuple(
    fc.nat({ max: paths.length - 1 }),
    fc.option(fc.jsonValue({ maxDepth: 2, stringUnit: 'binary' }) as fc.Arbitrary<Json>, {
      nil: undefined,
    }),
  );
  return fc
    .array(edit, { minLength: 1, maxLength: 3 })
    .map((edits) =>
      edits.reduce<Json>(
        (body, [i, replacement]) => mutateAt(body, paths[i] ?? [], replacement),
        base,
      ),
    );
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
