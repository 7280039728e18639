/**
 * Fuzzing the write routes with fast-check (fixed seeds, so every run sends the same requests): random JSON,
 * mutations of valid bodies, wrong content types, text that is not JSON, raw bytes, huge and unrepresentable
 * numbers, deep nesting, unicode and prototype keys. Whatever arrives, the answer is 2xx or a 4xx in
 * problem+json whose `status` is the HTTP status: never a 500, never a hang. What the valid bodies did is
 * then read back: versions counted and unchanged, runs all finished, tokens usable.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLimitsFromEnv } from '../../functions/services/runs.js';
import { validModelJson, type Json } from '../fixtures/models.js';
import { startHarness, type Harness } from './harness.js';

const RUNS_PER_ROUTE = 1_500;
const REQUEST_TIMEOUT_MS = 30_000;
/** Valid run bodies start real runs: keep them tiny. */
const MAX_FUZZ_TRIALS = 50;

const example = (name: string): Json => JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')) as Json;
const MODELS: Json[] = [validModelJson(), example('small-municipality.json'), example('reference-midsize.json')];

// ---------------------------------------------------------------------------------------------------------
// Requests

/** One fuzzed request body with its Content-Type; prints short in fast-check's reports (bodies can be MBs). */
interface Req {
  label: string;
  contentType: string | null;
  body: string | Uint8Array;
}

function req(label: string, contentType: string | null, body: string | Uint8Array): Req {
  const r: Req = { label, contentType, body };
  const size = typeof body === 'string' ? body.length : body.byteLength;
  const preview = typeof body === 'string' ? body.slice(0, 300) : `<${size} bytes>`;
  Object.defineProperty(r, fc.toStringMethod, {
    enumerable: false,
    value: () => `${label} [${contentType ?? 'no Content-Type'}] (${size} chars) ${JSON.stringify(preview)}`,
  });
  return r;
}

/** Strings "<<raw:TEXT>>" in a value are put into the JSON text as TEXT: numbers JSON can carry but JS cannot. */
const RAW = /"<<raw:([^"]*)>>"/g;
const raw = (text: string) => `<<raw:${text}>>`;
const serialize = (v: unknown): string => (JSON.stringify(v) ?? 'null').replace(RAW, (_, t: string) => t);

const RAW_NUMBERS = [
  '1e400',
  '-1e400',
  '1e-400',
  '123456789012345678901234567890',
  '9007199254740993',
  '-9007199254740993',
  '5e-324',
  '1.7976931348623157e308',
  '-0',
  '0.1e1',
  '1E2',
  '1.0',
  '2.00000000000000000001',
];

const deepText = fc
  .record({ depth: fc.integer({ min: 50, max: 20_000 }), kind: fc.constantFrom('array', 'object', 'mixed') })
  .map(({ depth, kind }) =>
    kind === 'array'
      ? '['.repeat(depth) + ']'.repeat(depth)
      : kind === 'object'
        ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
        : '[{"__proto__":'.repeat(depth) + 'null' + '}]'.repeat(depth),
  );

const weirdString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme', minLength: 190, maxLength: 260 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\uFEFF',
    '\u202Eevil',
    'ÅÄÖåäö',
    '😀'.repeat(120),
    '\uD800',
    'baseline',
    '__proto__',
    'constructor',
    'prototype',
    'hvb',
    'controller',
    '2026-01',
    '2026-13',
    '0000-01',
    '2026-02-30',
    'null',
    'true',
    '1e400',
    'x'.repeat(5_000),
    'Robert"); DROP TABLE models;--',
    '${jndi:ldap://x}',
    '<script>alert(1)</script>',
  ),
);

const weirdNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    0,
    -1,
    1,
    0.5,
    -0.5,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    -Number.MAX_SAFE_INTEGER,
    1e21,
    1e308,
    Number.MIN_VALUE,
    2 ** 31,
    2 ** 32,
    2 ** 53,
    2 ** 64,
    1_000_000,
    1_000_001,
    240,
    241,
    20_000,
    1e9 + 1,
  ),
  fc.constantFrom(...RAW_NUMBERS).map(raw),
);

/** Values a mutation puts somewhere in a body. */
const interesting: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 3, arbitrary: weirdString },
  { weight: 3, arbitrary: weirdNumber },
  { weight: 1, arbitrary: deepText.map(raw) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], { __proto__: null }) },
);

const weirdKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '',
    ' ',
    'id',
    'type',
    'version',
    'name',
    'role',
    'trials',
    'seed',
    'modelId',
    'scenarios',
    'label',
    'options',
    '0',
    'length',
    'ÅÄÖ',
    '😀',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);

type Path = (string | number)[];
type Container = Record<string, unknown> | unknown[];

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null;
}

function allPaths(v: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(v)) v.forEach((x, i) => allPaths(x, [...path, i], out));
  else if (isContainer(v)) for (const [k, x] of Object.entries(v)) allPaths(x, [...path, k], out);
  return out;
}

function getAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const k of path) v = (v as Record<string | number, unknown>)[k];
  return v;
}

/** Sets an own property even for "__proto__", so that it reaches the JSON text as a key. */
function setOwn(o: Container, k: string | number, value: unknown): void {
  Object.defineProperty(o, k, { value, enumerable: true, writable: true, configurable: true });
}

const MUTATIONS = ['replace', 'replace', 'delete', 'addKey', 'duplicate', 'flip', 'numeric', 'wrap'] as const;
interface Mutation {
  kind: (typeof MUTATIONS)[number];
  at: number;
  key: string;
  value: unknown;
  count: number;
}
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...MUTATIONS),
  at: fc.nat(),
  key: weirdKey,
  value: interesting,
  count: fc.integer({ min: 1, max: 30 }),
});

function flip(v: unknown, value: unknown): unknown {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return Number.isFinite(Number(v)) && v.trim() !== '' ? Number(v) : [v];
  if (typeof v === 'boolean') return v ? 1 : 'false';
  if (v === null) return 0;
  if (Array.isArray(v)) return Object.fromEntries(v.map((x, i) => [String(i), x]));
  if (isContainer(v)) return Object.values(v);
  return value;
}

const NUMERIC = [
  (n: number) => -n,
  (n: number) => n + 0.5,
  (n: number) => n * 1e6,
  (n: number) => n * 1e300,
  (n: number) => n - 1,
  (n: number) => n + 1,
  () => 0,
];

/** Applies mutations to a deep copy of `base`; the choice of place is `at` modulo the number of places. */
function mutate(base: Json, mutations: Mutation[]): unknown {
  let root: unknown = JSON.parse(JSON.stringify(base));
  for (const m of mutations) {
    const paths = allPaths(root);
    const path = paths[m.at % paths.length];
    const node = getAt(root, path);
    const parent = path.length === 0 ? null : (getAt(root, path.slice(0, -1)) as Container);
    const key = path[path.length - 1];
    const put = (value: unknown) => {
      if (parent === null) root = value;
      else setOwn(parent, key, value);
    };
    switch (m.kind) {
      case 'replace':
        put(m.value);
        break;
      case 'delete':
        if (parent === null) root = {};
        else if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete (parent as Record<string, unknown>)[key as string];
        break;
      case 'addKey':
        if (Array.isArray(node)) node.push(m.value);
        else if (isContainer(node)) setOwn(node, m.key, m.value);
        else put({ [m.key]: m.value });
        break;
      case 'duplicate': {
        // Grows a list past its limit (more scenarios, segments, forms, effects than allowed) or repeats an id.
        const list = Array.isArray(node) && node.length > 0 ? node : Array.isArray(parent) ? parent : null;
        if (list) {
          const source = list[m.at % list.length];
          for (let i = 0; i < m.count; i++) list.push(JSON.parse(JSON.stringify(source ?? null)));
        } else put([node, node]);
        break;
      }
      case 'flip':
        put(flip(node, m.value));
        break;
      case 'numeric':
        put(typeof node === 'number' ? NUMERIC[m.at % NUMERIC.length](node) : m.value);
        break;
      case 'wrap':
        put(m.at % 2 === 0 ? [node] : { value: node });
        break;
    }
  }
  return root;
}

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/vnd.api+json'];
const WRONG_TYPES = [
  null,
  'application/json;charset=latin1',
  'text/plain',
  'text/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
  'application/jsonx',
  'json',
  '*/*',
  'application/problem+json',
  'application/json-patch+json',
];

const BIG = 5 * 1024 * 1024 + 1024;

/** Request bodies for a route whose valid bodies are `bases`; `sanitize` keeps accepted ones cheap. */
function bodies(bases: Json[], sanitize: (v: unknown) => unknown = (v) => v): fc.Arbitrary<Req> {
  const base = fc.constantFrom(...bases.map((_, i) => i));
  return fc.oneof(
    {
      weight: 10,
      arbitrary: fc
        .record({ i: base, ms: fc.array(mutation, { minLength: 1, maxLength: 4 }), type: fc.constantFrom(...JSON_TYPES) })
        .map(({ i, ms, type }) => req(`mutation of body ${i}`, type, serialize(sanitize(mutate(bases[i], ms))))),
    },
    { weight: 4, arbitrary: fc.jsonValue().map((v) => req('jsonValue', 'application/json', serialize(v))) },
    {
      weight: 2,
      arbitrary: fc
        .record({ i: base, type: fc.constantFrom(...JSON_TYPES) })
        .map(({ i, type }) => req(`body ${i} as is`, type, serialize(sanitize(bases[i])))),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ i: base, type: fc.constantFrom(...WRONG_TYPES) })
        .map(({ i, type }) => req(`body ${i}, wrong Content-Type`, type, serialize(sanitize(bases[i])))),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          text: fc.oneof(
            fc.string(),
            fc.string({ unit: 'binary' }),
            fc.constantFrom(
              '',
              'null',
              'undefined',
              'NaN',
              '{',
              '}',
              "{'a':1}",
              '{"a":1,}',
              '[1,]',
              '{"a" 1}',
              '\uFEFF{}',
              'a=1&b=2',
              '<xml/>',
            ),
          ),
          type: fc.constantFrom(...JSON_TYPES, ...WRONG_TYPES),
        })
        .map(({ text, type }) => req('text', type, text)),
    },
    {
      weight: 2,
      arbitrary: fc.record({ i: base, cut: fc.nat() }).map(({ i, cut }) => {
        const text = serialize(sanitize(bases[i]));
        return req(`body ${i} truncated`, 'application/json', text.slice(0, cut % text.length));
      }),
    },
    { weight: 1, arbitrary: deepText.map((t) => req('deep nesting', 'application/json', t)) },
    {
      weight: 1,
      arbitrary: fc
        .record({ n: fc.constantFrom(...RAW_NUMBERS), wrap: fc.boolean() })
        .map(({ n, wrap }) => req('raw number', 'application/json', wrap ? `{"trials":${n},"seed":${n},"version":${n},"role":${n}}` : n)),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ i: base, key: fc.constantFrom('__proto__', 'constructor', 'prototype'), dup: fc.boolean() })
        .map(({ i, key, dup }) => {
          const text = serialize(sanitize(bases[i]));
          // A prototype key inside the object, and maybe a duplicate key that overrides a valid field.
          const inject = `"${key}":{"polluted":true,"toString":1},` + (dup ? `"name":{"__proto__":[]},"role":"root",` : '');
          return req(
            `body ${i} with ${key}${dup ? ' and duplicates' : ''}`,
            'application/json',
            text.startsWith('{') ? `{${inject}${text.slice(1)}` : text,
          );
        }),
    },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => req('bytes', 'application/json', b)),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ i: base, bom: fc.constantFrom('\uFEFF', '\u0000', ' \n\t', '\uD800') })
        .map(({ i, bom }) => req(`body ${i} with prefix`, 'application/json', bom + serialize(sanitize(bases[i])))),
    },
    // Over the 5 MB limit: rare (they are slow to send) but in every route's mix.
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('string', 'array')
        .map((k) =>
          req(`over 5 MB (${k})`, 'application/json', k === 'string' ? `{"name":"${'x'.repeat(BIG)}"}` : `[${'1,'.repeat(BIG / 2)}1]`),
        ),
    },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Answers

interface Answer {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
  headers: Headers;
}

async function send(h: Harness, method: string, path: string, token: string, r: Req, extra: Record<string, string> = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...extra };
  if (r.contentType !== null) headers['Content-Type'] = r.contentType;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${method} ${path}: no answer within ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS);
  });
  try {
    const res = await Promise.race([h.request(path, { method, token, headers, body: r.body }), timeout]);
    const text = await Promise.race([res.text(), timeout]);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, json, headers: res.headers };
  } finally {
    clearTimeout(timer);
  }
}

/** Throws, with the request and the answer, unless the answer is 2xx JSON or a 4xx problem. */
function check(a: Answer, what: string): void {
  const fail = (why: string) => {
    throw new Error(`${what}: ${why}; got ${a.status} [${a.contentType}] ${a.text.slice(0, 500)}`);
  };
  if (a.status >= 200 && a.status < 300) {
    if (!/^application\/json\b/.test(a.contentType)) fail('a 2xx answer must be application/json');
    if (a.json === undefined) fail('a 2xx answer must be JSON');
    return;
  }
  if (a.status < 400 || a.status >= 500) fail('expected 2xx or 4xx');
  if (!/^application\/problem\+json\b/.test(a.contentType)) fail('a 4xx must be application/problem+json');
  const p = a.json as { title?: unknown; status?: unknown } | undefined;
  if (typeof p !== 'object' || p === null) fail('a problem must be a JSON object');
  if (typeof p!.title !== 'string' || p!.title === '') fail('a problem needs a title');
  if (p!.status !== a.status) fail('the problem status must equal the HTTP status');
}

type Tally = Map<number, number>;
const count = (t: Tally, status: number) => t.set(status, (t.get(status) ?? 0) + 1);
const ok = (t: Tally) => [...t].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0);
const describeTally = (t: Tally) =>
  [...t]
    .sort(([a], [b]) => a - b)
    .map(([s, c]) => `${s}×${c}`)
    .join(' ');

// ---------------------------------------------------------------------------------------------------------

describe('fuzzing the write routes', () => {
  let h: Harness;
  let alfaModel: string;
  let alfaSmall: string;
  let betaModel: string;

  beforeAll(async () => {
    // Every valid run body is admitted, however fast the runs before it end: the limit of open runs (429) is the
    // API tests' to check, and here it would make the number of runs started depend on the machine's speed.
    h = await startHarness({ limits: { ...runLimitsFromEnv(), maxActive: 10_000 } });
    const create = async (token: string, model: Json) => {
      const res = await h.request('/api/v1/models', { method: 'POST', token, json: model });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    alfaModel = await create(h.alfa.editor, validModelJson());
    alfaSmall = await create(h.alfa.editor, MODELS[1]);
    betaModel = await create(h.beta.editor, validModelJson());
  });

  afterAll(async () => {
    // Every run a fuzzed body started ends before DynamoDB Local goes away (close() waits for idle too).
    await h?.executor.idle();
    await h?.close();
  });

  it(`POST /models: ${RUNS_PER_ROUTE} random and mutated bodies, never a 500`, { timeout: 180_000 }, async () => {
    const tally: Tally = new Map();
    const created: string[] = [];
    await fc.assert(
      fc.asyncProperty(bodies(MODELS), async (r) => {
        const a = await send(h, 'POST', '/api/v1/models', h.alfa.editor, r);
        count(tally, a.status);
        check(a, 'POST /models');
        if (a.status < 300) {
          expect(a.status).toBe(201);
          const out = a.json as { id: string; version: number };
          expect(out.version).toBe(1);
          created.push(out.id);
        }
      }),
      { seed: 0x5eed01, numRuns: RUNS_PER_ROUTE },
    );
    console.log(`POST /models: ${describeTally(tally)}`);
    // The mix must reach both sides: models accepted and bodies refused.
    expect(ok(tally)).toBeGreaterThan(20);
    expect(tally.get(400) ?? 0).toBeGreaterThan(200);
    // What was accepted is there and readable.
    for (const id of created.slice(0, 50)) {
      const res = await h.request(`/api/v1/models/${id}`, { token: h.alfa.viewer });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { version: number }).version).toBe(1);
    }
  });

  it(`PUT /models/{id} with a valid If-Match: ${RUNS_PER_ROUTE} bodies, versions counted and unchanged`, { timeout: 180_000 }, async () => {
    const tally: Tally = new Map();
    const res0 = await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: validModelJson() });
    const { id } = (await res0.json()) as { id: string };
    const v1 = await (await h.request(`/api/v1/models/${id}/versions/1`, { token: h.alfa.viewer })).text();
    let version = 1;
    await fc.assert(
      fc.asyncProperty(bodies(MODELS), async (r) => {
        const a = await send(h, 'PUT', `/api/v1/models/${id}`, h.alfa.editor, r, { 'If-Match': `"${version}"` });
        count(tally, a.status);
        check(a, `PUT /models/${id} (If-Match "${version}")`);
        if (a.status < 300) {
          expect(a.status).toBe(200);
          expect(a.json).toEqual({ id, version: version + 1 });
          expect(a.headers.get('ETag')).toBe(`"${version + 1}"`);
          version += 1;
        } else {
          // A valid If-Match never yields 409 or 428 here: nobody else writes this model.
          expect([409, 428]).not.toContain(a.status);
        }
      }),
      { seed: 0x5eed02, numRuns: RUNS_PER_ROUTE },
    );
    console.log(`PUT /models/{id}: ${describeTally(tally)}`);
    expect(ok(tally)).toBeGreaterThan(20);
    const latest = await h.request(`/api/v1/models/${id}`, { token: h.alfa.viewer });
    expect(latest.status).toBe(200);
    expect(((await latest.json()) as { version: number }).version).toBe(version);
    // Saved versions never change.
    expect(await (await h.request(`/api/v1/models/${id}/versions/1`, { token: h.alfa.viewer })).text()).toBe(v1);
  });

  it('PUT /models/{id}: fuzzed If-Match headers and ids, never a 500', { timeout: 120_000 }, async () => {
    const tally: Tally = new Map();
    const res0 = await h.request('/api/v1/models', { method: 'POST', token: h.alfa.editor, json: validModelJson() });
    const { id } = (await res0.json()) as { id: string };
    let version = 1;
    const ifMatch = fc.oneof(
      fc.constantFrom('"1"', '1', 'W/"1"', '*', '"0"', '"-1"', '"1.5"', '"1e3"', '"0x1"', '""', '"1", "2"', '"Infinity"', '"NaN"', ' "1" '),
      fc
        .constantFrom(
          '9007199254740991',
          '9007199254740992',
          '9007199254740993',
          '1152921504606846976',
          '1e20',
          '99999999999',
          '4294967296',
        )
        .map((n) => `"${n}"`),
      fc.integer({ min: 1, max: 2 ** 53 }).map((n) => `"${n}"`),
      fc.string({ unit: fc.constantFrom(...'0123456789"W/ ,*-+.eE'.split('')), maxLength: 25 }),
      fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
    );
    const target = fc.oneof(
      { weight: 6, arbitrary: fc.constant(id) },
      { weight: 1, arbitrary: fc.constant(betaModel) },
      { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 80 }).map(encodeURIComponent) },
      { weight: 1, arbitrary: fc.constantFrom('x'.repeat(65), '..', '%2e%2e', '__proto__', 'constructor', '%00', 'ÅÄÖ') },
    );
    await fc.assert(
      fc.asyncProperty(ifMatch, target, fc.option(fc.constantFrom(0, 1, 2)), async (im, target, current) => {
        // Sometimes the current version itself, so that successes keep moving the model on.
        const header = current === null ? im : current === 0 ? `"${version}"` : current === 1 ? `W/"${version}"` : String(version);
        const a = await send(
          h,
          'PUT',
          `/api/v1/models/${target}`,
          h.alfa.editor,
          req('valid model', 'application/json', JSON.stringify(validModelJson())),
          { 'If-Match': header },
        );
        count(tally, a.status);
        check(a, `PUT /models/${target} with If-Match ${JSON.stringify(header)}`);
        if (a.status < 300) {
          expect(target).toBe(id);
          version = (a.json as { version: number }).version;
        }
        if (target === betaModel) expect(a.status).toBeGreaterThanOrEqual(400);
      }),
      { seed: 0x5eed03, numRuns: 300 },
    );
    console.log(`PUT /models/{id} If-Match: ${describeTally(tally)}`);
    // The other tenant's model was never touched.
    const beta = await h.request(`/api/v1/models/${betaModel}`, { token: h.beta.viewer });
    expect(((await beta.json()) as { version: number }).version).toBe(1);
  });

  it(`POST /runs: ${RUNS_PER_ROUTE} random and mutated bodies; every accepted run finishes`, { timeout: 180_000 }, async () => {
    const tally: Tally = new Map();
    const runs = new Set<string>();
    const bases: Json[] = [
      { modelId: alfaModel, trials: 5, seed: 1 },
      { modelId: alfaModel, version: 1, trials: 20, seed: 42, scenarios: [{ id: 's1', label: 'Med controller', options: ['controller'] }] },
      { modelId: alfaSmall, trials: 10, seed: 0, scenarios: [] },
      {
        modelId: alfaModel,
        trials: 3,
        seed: 7,
        scenarios: [
          { id: 'baseline', label: 'Nuläge', options: [] },
          {
            id: 'extra',
            label: 'Extra',
            options: ['oppenvard', { id: 'kostnad', label: 'Kostnad', effects: [{ type: 'cost', perYear: 1000 }] }],
          },
        ],
      },
      { modelId: betaModel, trials: 3, seed: 7 },
    ];
    // A valid body with many trials would run for minutes: accepted bodies keep at most MAX_FUZZ_TRIALS.
    const sanitize = (v: unknown) => {
      if (
        isContainer(v) &&
        !Array.isArray(v) &&
        typeof v.trials === 'number' &&
        Number.isInteger(v.trials) &&
        v.trials > MAX_FUZZ_TRIALS &&
        v.trials <= 1_000_000
      ) {
        setOwn(v, 'trials', (v.trials % MAX_FUZZ_TRIALS) + 1);
      }
      return v;
    };
    const idempotencyKey = fc.option(
      fc.oneof(
        fc.constantFrom('k1', 'k2', 'x'.repeat(200), 'x'.repeat(201), '__proto__', ' '),
        fc.string({ unit: fc.integer({ min: 0x21, max: 0xff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 40 }),
      ),
      { freq: 4 },
    );
    await fc.assert(
      fc.asyncProperty(bodies(bases, sanitize), idempotencyKey, async (r, key) => {
        const a = await send(h, 'POST', '/api/v1/runs', h.alfa.editor, r, key === null ? {} : { 'Idempotency-Key': key });
        count(tally, a.status);
        check(a, `POST /runs${key === null ? '' : ` (Idempotency-Key ${JSON.stringify(key)})`}`);
        if (a.status < 300) {
          expect(a.status).toBe(202);
          runs.add((a.json as { id: string }).id);
        }
      }),
      { seed: 0x5eed04, numRuns: RUNS_PER_ROUTE },
    );
    console.log(`POST /runs: ${describeTally(tally)}; ${runs.size} runs started`);
    expect(runs.size).toBeGreaterThan(10);
    await h.executor.idle();
    // Nothing stuck: every run a valid body started has succeeded (it was validated when it was accepted).
    const ended: Record<string, number> = {};
    const failures: string[] = [];
    for (const id of runs) {
      const res = await h.request(`/api/v1/runs/${id}`, { token: h.alfa.viewer });
      expect(res.status).toBe(200);
      const run = (await res.json()) as { status: string; error?: string };
      ended[run.status] = (ended[run.status] ?? 0) + 1;
      if (run.status !== 'succeeded') failures.push(`${id}: ${run.status} ${run.error ?? ''}`);
    }
    console.log(`runs ended: ${JSON.stringify(ended)}`);
    expect(failures).toEqual([]);
  });

  it(`POST /tokens (admin): ${RUNS_PER_ROUTE} random and mutated bodies; created tokens work`, { timeout: 120_000 }, async () => {
    const tally: Tally = new Map();
    const bases: Json[] = [{ role: 'viewer' }, { role: 'editor', label: 'Handläggare Åsa' }, { role: 'admin', label: '' }];
    const made: { token: string; role: string }[] = [];
    await fc.assert(
      fc.asyncProperty(bodies(bases), async (r) => {
        const a = await send(h, 'POST', '/api/v1/tokens', h.alfa.admin, r);
        count(tally, a.status);
        check(a, 'POST /tokens');
        if (a.status < 300) {
          expect(a.status).toBe(201);
          const out = a.json as { token: string; role: string; tokenId: string };
          expect(['viewer', 'editor', 'admin']).toContain(out.role);
          expect(out.token).toMatch(/^\S+$/);
          made.push(out);
        }
      }),
      { seed: 0x5eed05, numRuns: RUNS_PER_ROUTE },
    );
    console.log(`POST /tokens: ${describeTally(tally)}`);
    expect(made.length).toBeGreaterThan(20);
    for (const { token, role } of made) {
      const res = await h.request('/api/v1/tokens', { token });
      expect(res.status).toBe(role === 'admin' ? 200 : 403);
      await res.body?.cancel();
    }
  });

  it('large valid bodies under 5 MB are stored whole or refused as problems, never a 500', { timeout: 120_000 }, async () => {
    // A 3.9 MB model (initial caseload by start dates): saved, versioned and read back byte for byte.
    const big = validModelJson() as { initialCaseload: Json[] };
    for (let i = 0; i < 3; i++) big.initialCaseload.push({ form: 'hvb', startDates: Array<Json>(100_000).fill('2025-01-01') });
    const text = JSON.stringify(big);
    const post = await send(h, 'POST', '/api/v1/models', h.alfa.editor, req('3.9 MB model', 'application/json', text));
    check(post, 'POST /models (3.9 MB)');
    expect(post.status).toBe(201);
    const { id } = post.json as { id: string };
    const put = await send(h, 'PUT', `/api/v1/models/${id}`, h.alfa.editor, req('3.9 MB model', 'application/json', text), {
      'If-Match': '"1"',
    });
    check(put, 'PUT /models (3.9 MB)');
    expect(put.status).toBe(200);
    for (const path of [`/api/v1/models/${id}/versions/1`, `/api/v1/models/${id}`]) {
      const res = await h.request(path, { token: h.alfa.viewer });
      expect(res.status).toBe(200);
      expect(JSON.stringify(((await res.json()) as { model: unknown }).model)).toBe(text);
    }

    // A 2.3 MB run request: 20 scenarios of 50 inline options each (all within the schema's limits).
    const options = Array.from({ length: 50 }, (_, i) => ({
      id: `o${i}`,
      label: 'L'.repeat(200),
      description: 'D'.repeat(2000),
      effects: [{ type: 'cost', perYear: 1000 }],
    }));
    const scenarios = Array.from({ length: 20 }, (_, i) => ({ id: `s${i}`, label: `Scenario ${i}`, options }));
    const body = JSON.stringify({ modelId: alfaModel, trials: 1, seed: 1, scenarios });
    expect(body.length).toBeLessThan(5 * 1024 * 1024);
    const run = await send(h, 'POST', '/api/v1/runs', h.alfa.editor, req('2.3 MB run request', 'application/json', body));
    check(run, 'POST /runs with 20 scenarios of 50 inline options (2.3 MB)');
    if (run.status === 202) {
      await h.executor.idle();
      const res = await h.request(`/api/v1/runs/${(run.json as { id: string }).id}`, { token: h.alfa.viewer });
      expect(((await res.json()) as { status: string }).status).toBe('succeeded');
    }
  });

  it('no fuzzed body polluted a prototype of this process (the app runs in it)', () => {
    const probe = {} as Record<string, unknown>;
    for (const key of ['polluted', 'x', 'name', 'role', 'a', 'toString']) {
      if (key === 'toString') expect(probe.toString).toBe(Object.prototype.toString);
      else expect(probe[key]).toBeUndefined();
    }
    expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('write routes refuse what a non-editor or no token sends, as problems', async () => {
    const model = JSON.stringify(validModelJson());
    for (const [method, path, token, json] of [
      ['POST', '/api/v1/models', h.alfa.viewer, model],
      ['PUT', `/api/v1/models/${alfaModel}`, h.alfa.viewer, model],
      ['POST', '/api/v1/runs', h.alfa.viewer, JSON.stringify({ modelId: alfaModel, trials: 5, seed: 1 })],
      ['POST', '/api/v1/tokens', h.alfa.editor, JSON.stringify({ role: 'admin' })],
      ['POST', '/api/v1/models', 'not-a-token', model],
      ['POST', '/api/v1/tokens', 'ppt_alfa_forged', JSON.stringify({ role: 'admin' })],
    ] as const) {
      const a = await send(h, method, path, token, req('valid body', 'application/json', json), { 'If-Match': '"1"' });
      check(a, `${method} ${path}`);
      expect([401, 403]).toContain(a.status);
    }
  });
});
