/** The pure parts of the earlier-runs work: a token's municipality, and the names of the downloaded files. */
import { describe, expect, it } from 'vitest';
import { tenantOf } from '../../functions/auth/tokens.js';
import { newId } from '../../functions/ids.js';
import { downloadName, runDay, slug } from '../../web/src/result/file-names.js';
import { hrefOf, parseRoute, type Route } from '../../web/src/routes.js';
import { tenantOfToken } from '../../web/src/token-shape.js';

describe("a token's municipality on the page", () => {
  it('agrees with the server on real tokens and on things that are not tokens', () => {
    const secret = 'A'.repeat(43);
    const samples = [
      `ppt_alfa_${secret}`,
      `ppt_norr-kommun_${secret}`,
      `ppt_alfa_x_y-${secret}`,
      'ppt_alfa_short',
      `pp_alfa_${secret}`,
      `ppt__${secret}`,
      `ppt_Alfa_${secret}`,
      'hello',
      '',
    ];
    for (const token of samples) expect(tenantOfToken(token), token).toBe(tenantOf(token));
    expect(tenantOfToken(`ppt_alfa_${secret}`)).toBe('alfa');
  });
});

describe('download file names', () => {
  it('name the model, the day the run was made and the run, in plain ASCII', () => {
    const id = newId(new Date('2026-10-05T14:03:00Z'));
    expect(runDay(id)).toBe('2026-10-05');
    expect(downloadName('Liten kommun – Åre/Östersund', id, 'csv', ['periods', 'sv'])).toBe(
      `placeringsprognos-liten-kommun-are-ostersund-2026-10-05-${id}-periods-sv.csv`,
    );
    expect(slug('???')).toBe('modell');
  });

  it('leave the day out of an id that is not a ULID', () => {
    expect(runDay('not-an-id')).toBeNull();
    expect(downloadName('M', 'x', 'json')).toBe('placeringsprognos-m-x.json');
  });
});

describe('screen hashes', () => {
  it('read back the route they were made from, ids with odd characters included', () => {
    const routes: Route[] = [{ screen: 'models' }, { screen: 'runs' }, { screen: 'model', id: '01abc' }, { screen: 'run', id: 'a/b c#d' }];
    for (const r of routes) expect(parseRoute(hrefOf(r))).toEqual(r);
  });

  it('open the models list for an empty or unknown hash', () => {
    for (const hash of ['', '#', '#/', '#/nothing', '#/models/a/b', '#/runs/a/b'])
      expect(parseRoute(hash), hash).toEqual({ screen: 'models' });
  });
});
