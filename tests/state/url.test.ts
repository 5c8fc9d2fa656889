import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reduce } from '../../src/state/reduce';
import { LAG_PARAM_BOUNDS, LagParamError, parseLagParams } from '../../src/domain/lagTypes';
import {
  DEFAULT_LAG,
  LAYER_KEYS,
  ROLE_LAYER_KEYS,
  VIEW_LAYER_KEYS,
  defaultState,
  isValidState,
  type MissionYears,
} from '../../src/state/state';
import { encodeUrlState, linkNeedsCellMonths, parseUrlState } from '../../src/state/url';

const MISSIONS: MissionYears[] = [
  { id: 'MINUSCA', years: [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024] },
  { id: 'UNMISS', years: [2011, 2012, 2013, 2014] },
  { id: 'UNTAET', years: [1999, 2001] },
];

describe('linkNeedsCellMonths', () => {
  it('is true for a link to a month or to the monthly lag analysis, false otherwise', () => {
    expect(linkNeedsCellMonths('?m=MINUSCA&y=2015&mo=3')).toBe(true);
    expect(linkNeedsCellMonths('mo=12')).toBe(true);
    expect(linkNeedsCellMonths('?tab=lag&lagres=month')).toBe(true);
    expect(linkNeedsCellMonths('?tab=lag&lagres=year')).toBe(false);
    expect(linkNeedsCellMonths('?m=MINUSCA&y=2015')).toBe(false);
    expect(linkNeedsCellMonths('')).toBe(false);
    // Another parameter that merely contains "mo" is not a month.
    expect(linkNeedsCellMonths('?cmo=3&model=month')).toBe(false);
  });
});

describe('parseUrlState', () => {
  it('gives the default view (MINUSCA 2014, all OSV) for an empty query', () => {
    const { state, notices } = parseUrlState('', MISSIONS);
    expect(state.mission).toBe('MINUSCA');
    expect(state.year).toBe(2014);
    expect(state.perpetrator).toBe('all');
    expect(state.camera).toBeNull();
    expect(notices).toEqual([]);
  });

  it('reads every parameter', () => {
    const { state, notices } = parseUrlState(
      '?m=UNMISS&y=2013&p=nonstate&l=violence,bases&c=31.5,7.25,6.5&sel=cell:139421&tab=lag&theta=25&reach=1&win=2&delta=50&story=minusca&scene=3&mo=6',
      MISSIONS,
    );
    expect(notices).toEqual([]);
    expect(state).toMatchObject({
      mission: 'UNMISS',
      year: 2013,
      month: 6,
      perpetrator: 'nonstate',
      layers: { violence: true, bases: true, noData: false, flags: false, labels: false },
      camera: { lon: 31.5, lat: 7.25, zoom: 6.5 },
      selection: { kind: 'cell', gid: 139421 },
      panel: 'lag',
      lag: { theta: 25, reach: 1, window: 2, delta: 50 },
      story: { id: 'minusca', scene: 3 },
    });
  });

  it('opens a mission at its first year when no year is given', () => {
    expect(parseUrlState('?m=UNMISS', MISSIONS).state.year).toBe(2011);
    expect(parseUrlState('?m=unmiss', MISSIONS).state.mission).toBe('UNMISS');
  });

  it('falls back with a notice for an unknown mission', () => {
    const { state, notices } = parseUrlState('?m=NOPE&y=2016', MISSIONS);
    expect(state.mission).toBe('MINUSCA');
    expect(state.year).toBe(2016);
    expect(notices[0]).toMatch(/Unknown mission “NOPE”/);
  });

  it('moves a year outside the mission to the nearest year, with a notice', () => {
    const { state, notices } = parseUrlState('?m=UNTAET&y=2000', MISSIONS);
    expect(state.year).toBe(1999);
    expect(notices[0]).toMatch(/UNTAET has no bases in 2000/);
    expect(parseUrlState('?y=1990', MISSIONS).state.year).toBe(2014);
    expect(parseUrlState('?y=abc', MISSIONS).notices[0]).toMatch(/not a year/);
  });

  it('rejects bad perpetrator, layers, camera, selection, tab and lag values with notices', () => {
    const { state, notices } = parseUrlState(
      '?p=rebels&l=violence,clouds&c=500,1,2&sel=cell:0&tab=nope&theta=-3&reach=9&win=1.5&delta=x&zz=1',
      MISSIONS,
    );
    expect(state.perpetrator).toBe('all');
    expect(state.layers.violence).toBe(true);
    expect(state.layers.bases).toBe(false);
    expect(state.camera).toBeNull();
    expect(state.selection).toBeNull();
    expect(state.panel).toBe('details');
    expect(state.lag).toEqual(defaultState(MISSIONS).lag);
    expect(notices).toHaveLength(10);
    expect(notices.join(' ')).toMatch(/“clouds”/);
    expect(notices.join(' ')).toMatch(/unknown link parameter “zz”/);
  });

  it('accepts exactly the lag parameters the analysis accepts (domain bounds)', () => {
    const { theta, reach, window, delta } = LAG_PARAM_BOUNDS;
    const ok = parseUrlState(
      `?theta=${theta.max}&reach=${reach.max}&win=${window.max}&delta=2.5&prec=7&init=0&p=foreign`,
      MISSIONS,
    );
    expect(ok.notices).toEqual([]);
    expect(ok.state.lag).toEqual({
      theta: 100_000,
      reach: 3,
      window: 10,
      delta: 2.5,
      precision: 7,
      initialDeployment: false,
    });
    expect(ok.state.perpetrator).toBe('foreign');
    expect(encodeUrlState(ok.state)).toContain('prec=7&init=0');
    const host = parseUrlState('?p=host&prec=4&init=maybe', MISSIONS);
    expect(host.state.perpetrator).toBe('host');
    expect(host.state.lag.precision).toBe(5);
    expect(host.state.lag.initialDeployment).toBe(true);
    expect(host.notices).toHaveLength(2);
    expect(host.notices.join(' ')).toMatch(/prec=“4” must be a whole number from 5 to 7/);
    for (const [q, key] of [
      [`theta=${theta.max + 1}`, 'theta'],
      [`theta=${theta.min - 0.5}`, 'theta'],
      [`reach=${reach.max + 1}`, 'reach'],
      ['win=2.5', 'window'],
      [`delta=${delta.min - 0.5}`, 'delta'],
    ] as const) {
      const bad = parseUrlState(`?${q}`, MISSIONS);
      expect(bad.state.lag[key], q).toBe(DEFAULT_LAG[key]);
      expect(bad.notices, q).toHaveLength(1);
      expect(bad.notices[0]).toContain(
        `from ${LAG_PARAM_BOUNDS[key].min} to ${LAG_PARAM_BOUNDS[key].max}`,
      );
      // The analysis rejects the same value.
      expect(() => parseLagParams({ [key]: q.split('=')[1] }), q).toThrow(LagParamError);
    }
  });

  it('checks base ids against the known bases when given', () => {
    const ids = new Set(['MINUSCA:bangui']);
    expect(
      parseUrlState('?sel=base:MINUSCA:bangui', MISSIONS, { baseIds: ids }).state.selection,
    ).toEqual({
      kind: 'base',
      id: 'MINUSCA:bangui',
    });
    const bad = parseUrlState('?sel=base:MINUSCA:atlantis', MISSIONS, { baseIds: ids });
    expect(bad.state.selection).toBeNull();
    expect(bad.notices).toHaveLength(1);
  });

  it('"l=-" switches every view layer off; "r=-" every deployment role layer', () => {
    const { state } = parseUrlState('?l=-', MISSIONS);
    expect(VIEW_LAYER_KEYS.every((k) => !state.layers[k])).toBe(true);
    expect(state.layers.troops).toBe(true);
    const both = parseUrlState('?l=-&r=-', MISSIONS).state;
    expect(LAYER_KEYS.every((k) => !both.layers[k])).toBe(true);
    const some = parseUrlState('?r=troops,unpol,medical', MISSIONS).state;
    expect(ROLE_LAYER_KEYS.filter((k) => some.layers[k])).toEqual(['troops', 'unpol', 'medical']);
    expect(some.layers.violence).toBe(true);
  });

  it('round-trips through encodeUrlState', () => {
    let s = defaultState(MISSIONS);
    s = reduce(s, { type: 'setMission', mission: 'UNMISS' }, MISSIONS);
    s = reduce(s, { type: 'setPerpetrator', perpetrator: 'state' }, MISSIONS);
    s = reduce(s, { type: 'toggleLayer', layer: 'labels' }, MISSIONS);
    s = reduce(s, { type: 'setCamera', camera: { lon: 31.12345, lat: 7.5, zoom: 5.5 } }, MISSIONS);
    s = reduce(s, { type: 'select', selection: { kind: 'base', id: 'UNMISS:juba' } }, MISSIONS);
    s = reduce(s, { type: 'setLag', params: { theta: 25 } }, MISSIONS);
    const q = encodeUrlState(s);
    expect(q).toContain('sel=base:UNMISS:juba');
    const back = parseUrlState(q, MISSIONS);
    expect(back.notices).toEqual([]);
    expect(back.state).toEqual({ ...s, camera: { lon: 31.1235, lat: 7.5, zoom: 5.5 } });
  });

  it('fuzz: any query string gives a valid state and never throws', () => {
    const keys = fc.constantFrom(
      'm',
      'y',
      'mo',
      'p',
      'l',
      'c',
      'sel',
      'tab',
      'theta',
      'reach',
      'win',
      'delta',
      'story',
      'scene',
      'x',
    );
    const values = fc.oneof(
      fc.string(),
      fc.integer({ min: -5000, max: 5000 }).map(String),
      fc.double().map(String),
      fc.constantFrom(
        'MINUSCA',
        'UNMISS',
        'all',
        'state',
        'nonstate',
        'cell:1',
        'base:',
        'base:x',
        '1,2,3',
        'NaN,0,0',
        '-',
        '%',
        '%zz',
      ),
    );
    const query = fc.oneof(
      fc.string(),
      fc
        .array(fc.tuple(keys, values), { maxLength: 8 })
        .map((pairs) => pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')),
      fc
        .array(fc.tuple(keys, values), { maxLength: 8 })
        .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
    );
    fc.assert(
      fc.property(query, fc.boolean(), (q, withMark) => {
        const { state, notices } = parseUrlState(withMark ? `?${q}` : q, MISSIONS);
        expect(isValidState(state, MISSIONS)).toBe(true);
        expect(Array.isArray(notices)).toBe(true);
        // What we write, we read back without notices.
        const again = parseUrlState(encodeUrlState(state), MISSIONS);
        expect(again.notices).toEqual([]);
        expect(isValidState(again.state, MISSIONS)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });
});
