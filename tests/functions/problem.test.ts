/**
 * Problem answers stay a few kilobytes whatever they quote: the detail and each field problem are cut, the list
 * of problems capped with a count of the rest.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { MAX_DETAIL, MAX_ERRORS, MAX_TEXT, problem } from '../../functions/http/problem.js';

describe('a problem answer', () => {
  it('cuts a long detail and long field problems, and caps their list, saying what was left out', async () => {
    const huge = 'x'.repeat(5_000_000);
    const errors = Array.from({ length: 500 }, (_, i) => ({ path: `rows[${i}].${huge}`, message: `bad value ${huge}` }));
    const app = new Hono().get('/', (c) => problem(c, 400, 'Ogiltig indata / invalid input', huge, { errors, runId: 'r1' }));

    const res = await app.request('/');
    const text = await res.text();
    const body = JSON.parse(text) as { detail: string; errors: { path: string; message: string }[]; moreErrors: number; runId: string };

    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(text.length).toBeLessThan(16 * 1024);
    expect(body.detail).toBe(`${'x'.repeat(MAX_DETAIL)}… (${5_000_000 - MAX_DETAIL} more characters)`);
    expect(body.errors).toHaveLength(MAX_ERRORS);
    expect(body.moreErrors).toBe(500 - MAX_ERRORS);
    expect(body.errors[3].path.startsWith('rows[3].')).toBe(true);
    for (const e of body.errors) expect(e.message.length).toBeLessThanOrEqual(MAX_TEXT + 40);
    expect(body.runId).toBe('r1');
  });

  it('leaves a short problem as it is', async () => {
    const errors = [{ path: 'trials', message: 'must be between 1 and 1000000' }];
    const app = new Hono().get('/', (c) => problem(c, 400, 't', 'trials: must be between 1 and 1000000', { errors }));
    const body = (await (await app.request('/')).json()) as Record<string, unknown>;
    expect(body).toEqual({ type: 'about:blank', title: 't', status: 400, detail: 'trials: must be between 1 and 1000000', errors });
  });
});
