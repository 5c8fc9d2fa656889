/**
 * What a switch to H3 loads (`createGridRowsLoader`): the part index and the host countries'
 * parts, each file once; the whole grid file in a data folder without parts; 'absent' (the
 * events path) with a console.warn for an unreadable file, silently for none; a network failure
 * is an error that a later switch retries.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGridRowsLoader } from '../../src/data/gridRows';
import { encodeGridFile, encodeGridParts } from '../../src/domain/gridFile';
import { h3Grid } from '../../src/domain/h3Grid';
import { base, baseYear, cellYear, carCell, dataset } from '../fixtures/factories';

const b = base({ location: 'Bangui' });
const ds = dataset({ bases: [b], baseYears: [baseYear(b, 2014, { troops: 900 })] });
const grid = h3Grid(4);
const hex = grid.cellOf(b.lat, b.lon);
const cy = {
  ...cellYear({ gid: carCell(), year: 2014, state: 2, nonstate: 5 }),
  gid: hex,
  region: null,
  topPerpetrators: [],
};
const { index, parts } = encodeGridParts(grid, [cy], ds);
const PART = 'grid_h3r4/central-african-republic.json';
const withParts = {
  'grid_h3r4/index.json': JSON.stringify(index),
  [PART]: JSON.stringify(parts.get(PART)),
};
const whole = { 'grid_h3r4.json': JSON.stringify(encodeGridFile(grid, [cy], ds)) };
const CAR = ['Central African Republic'];

/** A fake server: path under /data/ → body, or an HTTP status; anything else is a 404. */
function server(files: Record<string, string | number>) {
  const seen: string[] = [];
  const fetchFn = async (url: string): Promise<Response> => {
    seen.push(url.replace(/^\/data\//, ''));
    const body = files[url.replace(/^\/data\//, '')];
    if (body === undefined) return new Response('nope', { status: 404 });
    if (typeof body === 'number') return new Response('nope', { status: body });
    return new Response(body, { status: 200 });
  };
  return { loader: createGridRowsLoader(() => fetchFn), seen };
}

afterEach(() => vi.restoreAllMocks());

describe('grid rows for a mission', () => {
  it('come from the index and the host countries’ parts, each file fetched once', async () => {
    const { loader, seen } = server(withParts);
    const s = await loader.load('/data/', 'h3r4', CAR);
    expect(s.status).toBe('ready');
    if (s.status !== 'ready') return;
    expect(s.file.cellYears.rows()).toEqual([cy]);
    expect(s.file.pointCells.get(`${b.lat},${b.lon}`)).toBe(hex);
    // Another set of countries (one without a part) reuses the index; the same set, the object.
    expect((await loader.load('/data/', 'h3r4', [...CAR, 'Chad'])).status).toBe('ready');
    expect(await loader.load('/data/', 'h3r4', CAR)).toBe(s);
    expect(loader.loaded('/data/', 'h3r4', CAR)).toBe(s);
    expect(seen).toEqual(['grid_h3r4/index.json', PART]);
  });

  it('come from the whole grid file in a data folder built before the parts', async () => {
    const { loader, seen } = server(whole);
    const s = await loader.load('/data/', 'h3r4', CAR);
    expect(s.status === 'ready' && s.file.cellYears.rows()).toEqual([cy]);
    expect(seen).toEqual(['grid_h3r4/index.json', 'grid_h3r4.json']);
  });

  it('are absent without grid files (silently), and with an unreadable one (console.warn)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect((await server({}).loader.load('/data/', 'h3r4', CAR)).status).toBe('absent');
    expect(warn).not.toHaveBeenCalled();
    const damaged = { ...withParts, [PART]: withParts[PART]!.slice(0, 30) };
    expect((await server(damaged).loader.load('/data/', 'h3r4', CAR)).status).toBe('absent');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(
      /Grid file not used .*hexagons from the events table/,
    );
    const badIndex = { 'grid_h3r4/index.json': '{"table":"gridIndex","version":99}' };
    expect((await server(badIndex).loader.load('/data/', 'h3r4', CAR)).status).toBe('absent');
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('fail on a network error, and a later load tries again', async () => {
    const files: Record<string, string | number> = { ...withParts, [PART]: 503 };
    const { loader } = server(files);
    const s = await loader.load('/data/', 'h3r4', CAR);
    expect(s.status).toBe('error');
    files[PART] = withParts[PART]!;
    expect((await loader.load('/data/', 'h3r4', CAR)).status).toBe('ready');
  });
});
