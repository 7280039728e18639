/**
 * Property tests of `parseModel`: whatever a user (or a spreadsheet) sends, the answer is either a parsed model
 * or a `ValidationError` whose issues name fields. Never a TypeError from deep inside a refinement, never a
 * stack trace. Fixed seeds, so every run sees the same inputs.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseModel, ValidationError } from '../../simulation/schema.js';
import { validModelJson, type Json } from '../fixtures/models.js';

const RUNS = { seed: 42, numRuns: 1000 } as const;

type Path = (string | number)[];

/** Every path to a node of a JSON value, root excluded, in a deterministic (depth-first) order. */
function listPaths(value: Json, prefix: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([...prefix, i]);
      out.push(...listPaths(v, [...prefix, i]));
    });
  } else if (value !== null && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      out.push([...prefix, k]);
      out.push(...listPaths(value[k], [...prefix, k]));
    }
  }
  return out;
}

/** Paths to container nodes (objects and arrays), root included: places where a key can be added. */
function listContainers(value: Json, prefix: Path = []): Path[] {
  const out: Path[] = [];
  if (value !== null && typeof value === 'object') {
    out.push(prefix);
    const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v] as [number, Json]) : Object.entries(value);
    for (const [k, v] of entries) out.push(...listContainers(v, [...prefix, k]));
  }
  return out;
}

function getAt(root: Json, path: Path): Json {
  let cur: any = root;
  for (const k of path) cur = cur[k];
  return cur;
}

function setAt(root: Json, path: Path, v: Json): void {
  const parent: any = getAt(root, path.slice(0, -1));
  parent[path[path.length - 1]] = v;
}

function deleteAt(root: Json, path: Path): void {
  const parent: any = getAt(root, path.slice(0, -1));
  const k = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(k as number, 1);
  else delete parent[k];
}

const FIXTURE = validModelJson();
const PATHS = listPaths(FIXTURE);
const NUMBER_PATHS = PATHS.filter((p) => typeof getAt(FIXTURE, p) === 'number');
const CONTAINERS = listContainers(FIXTURE).filter((p) => p.length > 0);
const DIST_FIELDS = new Set([
  'dailyCost',
  'lengthOfStayDays',
  'fixedCostPerYear',
  'episodesPerYear',
  'trendPerYear',
  'ageAtEntry',
  'ageYears',
  'annualPriceIncrease',
  'perYear',
  'oneOff',
  'multiplier',
  'share',
  'pricePerDay',
  'utilisation',
]);
const DIST_PATHS = PATHS.filter((p) => DIST_FIELDS.has(String(p[p.length - 1])));

/** Nasty replacements for a number. */
const nastyNumber: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    -1,
    0,
    -0,
    0.5,
    1.5,
    -1e308,
    1e308,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 53,
    'NaN',
    'Infinity',
    '-Infinity',
    '1e308',
    '',
    '0',
    '-1',
    [],
    {},
    null,
    true,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
);

/** A random, structurally Dist-like object: a known type with a random subset of Dist fields. */
const distLike: fc.Arbitrary<Json> = fc
  .tuple(
    fc.constantFrom('fixed', 'uniform', 'triangular', 'pert', 'normal', 'lognormal', 'gamma', 'weibull', 'exponential', 'empirical'),
    fc.dictionary(
      fc.constantFrom('value', 'min', 'max', 'mode', 'mean', 'sd', 'median', 'p90', 'shape', 'scale', 'values'),
      fc.oneof(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ min: -10, max: 1000, noNaN: true }),
        fc.constantFrom(0, 1, -1, 1e-300, 1e300),
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 5 }),
      ),
      { maxKeys: 5 },
    ),
  )
  .map(([type, fields]) => ({ ...(fields as Record<string, Json>), type }));

type Mutation =
  | { kind: 'set'; path: Path; value: Json }
  | { kind: 'delete'; path: Path }
  | { kind: 'addKey'; path: Path; key: string; value: Json }
  | { kind: 'copy'; path: Path; from: Path };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    path: fc.constantFrom(...PATHS),
    value: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  }),
  fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...NUMBER_PATHS), value: nastyNumber }),
  fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...DIST_PATHS), value: distLike }),
  fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...PATHS) }),
  fc.record({
    kind: fc.constant('addKey' as const),
    path: fc.constantFrom(...CONTAINERS),
    key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'lenghtOfStayDays')),
    value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  }),
  fc.record({ kind: fc.constant('copy' as const), path: fc.constantFrom(...PATHS), from: fc.constantFrom(...PATHS) }),
);

/** Applies mutations in order; a mutation whose path no longer exists (after an earlier one) is skipped. */
function applyMutations(base: Json, ms: Mutation[]): Json {
  const m = structuredClone(base);
  for (const mu of ms) {
    if (!exists(m, mu.path)) continue;
    switch (mu.kind) {
      case 'set':
        setAt(m, mu.path, structuredClone(mu.value));
        break;
      case 'delete':
        deleteAt(m, mu.path);
        break;
      case 'addKey': {
        const target: any = getAt(m, mu.path);
        if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
          Object.defineProperty(target, mu.key, { value: structuredClone(mu.value), enumerable: true, writable: true, configurable: true });
        }
        break;
      }
      case 'copy':
        if (exists(m, mu.from)) setAt(m, mu.path, structuredClone(getAt(m, mu.from)));
        break;
    }
  }
  return m;
}

function exists(root: Json, path: Path): boolean {
  let cur: any = root;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, k)) return false;
    cur = cur[k];
  }
  return true;
}

/** The outcome of parsing: 'ok', or the ValidationError; anything else thrown fails the property. */
function outcome(input: unknown): { ok: true } | { ok: false; error: ValidationError } {
  try {
    parseModel(input);
    return { ok: true };
  } catch (e) {
    if (e instanceof ValidationError) return { ok: false, error: e };
    throw new Error(`parseModel threw ${(e as Error)?.name ?? typeof e} instead of ValidationError: ${String((e as Error)?.stack ?? e)}`, {
      cause: e,
    });
  }
}

function checkIssuesWellFormed(error: ValidationError): void {
  expect(Array.isArray(error.issues)).toBe(true);
  expect(error.issues.length).toBeGreaterThan(0);
  for (const i of error.issues) {
    expect(typeof i.path).toBe('string');
    expect(typeof i.message).toBe('string');
    expect(i.message.length).toBeGreaterThan(0);
    expect(error.message).toContain(i.message);
  }
}

describe('helpers', () => {
  it('listPaths reaches every leaf of the fixture', () => {
    expect(PATHS).toContainEqual(['forms', 0, 'lengthOfStayDays', 'p90']);
    expect(PATHS).toContainEqual(['options', 2, 'effects', 0, 'takes', 'from', 0]);
    expect(PATHS).toContainEqual(['inflow', 0, 'mix', 'hvb']);
    expect(PATHS.some((p) => p.length === 0)).toBe(false);
    expect(DIST_PATHS.length).toBeGreaterThan(20);
    // the fixture is valid before mutation
    expect(outcome(FIXTURE).ok).toBe(true);
  });

  it('mutations do not leak into the fixture', () => {
    const before = JSON.stringify(FIXTURE);
    applyMutations(FIXTURE, [
      { kind: 'set', path: ['forms', 0, 'id'], value: 'x' },
      { kind: 'delete', path: ['segments', 0] },
    ]);
    expect(JSON.stringify(FIXTURE)).toBe(before);
  });
});

describe('parseModel never throws anything but ValidationError', () => {
  it('(a) arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = outcome(v);
        if (!r.ok) checkIssuesWellFormed(r.error);
      }),
      RUNS,
    );
  });

  it("(a2) objects with the model's top-level keys holding arbitrary JSON", () => {
    const keys = Object.keys(FIXTURE as Record<string, Json>);
    const arb = fc.record(
      Object.fromEntries(
        keys.map((k) => [k, fc.oneof(fc.constant((FIXTURE as any)[k] as Json), fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>)]),
      ),
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(arb, (v) => {
        const r = outcome(v);
        if (!r.ok) checkIssuesWellFormed(r.error);
      }),
      RUNS,
    );
  });

  it('(b) mutations of the valid fixture: ValidationError naming a field, or a parsed model', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ms) => {
        const input = applyMutations(FIXTURE, ms);
        const snapshot = JSON.stringify(input);
        const r = outcome(input);
        // parsing never modifies its input
        expect(JSON.stringify(input)).toBe(snapshot);
        if (r.ok) {
          // what parsed once parses again (the output is itself a valid model)
          expect(outcome(parseModel(input)).ok).toBe(true);
        } else {
          checkIssuesWellFormed(r.error);
          // no mutation touches the root, so some issue must name a field
          expect(
            r.error.issues.some((i) => i.path.length > 0),
            `no issue names a field: ${JSON.stringify(r.error.issues)}`,
          ).toBe(true);
          // the same input gives the same issues (no hidden state)
          const again = outcome(input);
          expect(again.ok).toBe(false);
          if (!again.ok) expect(again.error.issues).toEqual(r.error.issues);
        }
      }),
      RUNS,
    );
  });

  it('(b2) random Dist-like objects in every Dist field', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DIST_PATHS), distLike, (path, d) => {
        const input = applyMutations(FIXTURE, [{ kind: 'set', path, value: d }]);
        const r = outcome(input);
        if (!r.ok) {
          checkIssuesWellFormed(r.error);
          expect(r.error.issues.some((i) => i.path.length > 0)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('(b3) a number replaced by a non-number is reported at that field or at one enclosing it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NUMBER_PATHS), nastyNumber, (path, v) => {
        const input = applyMutations(FIXTURE, [{ kind: 'set', path, value: v }]);
        const r = outcome(input);
        if (!r.ok) {
          checkIssuesWellFormed(r.error);
          // A wrong *type* must be reported at the field itself or at a field that encloses it (a Dist union
          // reports at the Dist), never only somewhere unrelated. (null is excluded: it is a legal value of
          // nullable fields such as capacity, whose consequences are reported elsewhere.)
          if (typeof v !== 'number' && v !== null) {
            const field = formatPathForTest(path);
            expect(
              r.error.issues.some((i) => i.path.length > 0 && isSelfOrAncestor(i.path, field)),
              `${field} = ${JSON.stringify(v)} gave ${JSON.stringify(r.error.issues)}`,
            ).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });
});

function isSelfOrAncestor(candidate: string, field: string): boolean {
  return field === candidate || field.startsWith(candidate + '.') || field.startsWith(candidate + '[');
}

/** The contract's path format (`forms[2].lengthOfStayDays.p90`), written independently of the schema's formatter. */
function formatPathForTest(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
