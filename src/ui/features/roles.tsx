/**
 * Deployment roles feature (Geo-PKO dashboard's FrontMap, TTMap and TCCMap layers): lettered
 * badges beside the year's bases for UN police (P), military observers (O) and HQs (HQ / S),
 * a row of unit-type badges (medical +, engineering E, signals S, aviation A, transport T,
 * maintenance M, riverine R) and the contributing countries (count, and a label with each
 * country's troops). Each is its own layer switch; the legend lists the badges switched on.
 */
import { useMemo } from 'react';
import type { BaseView } from '../../data/selectors';
import { rolesSection } from '../../map/legend';
import {
  ROLE_LAYER_IDS,
  UNIT_MARKERS,
  roleLayers,
  roleOptions,
  showsBase,
  tccCountOf,
  type UnitBadge,
} from '../../map/roleLayers';
import { isolate, plural } from '../format';
import type { Feature, FeatureContext, FeatureMap, PickHandler } from './contract';
import { worldFilter } from './worldView';

const baseOf = (o: unknown): BaseView => (o as { v?: BaseView }).v ?? (o as BaseView);

function useRolesMap(ctx: FeatureContext): FeatureMap {
  const { data, view } = ctx;
  const { state } = view;
  const { layers, year } = state;
  const opts = roleOptions(layers);
  const key = JSON.stringify(opts);
  const all = data.sel.basesOfYear(year);
  const world = worldFilter(state);
  const bases = useMemo(
    () => all.filter((v) => showsBase(v, opts) && (world === null || world(v.by.mission))),
    // `opts` is described by `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [all, key, world],
  );
  const on =
    layers.bases && (opts.unpol || opts.unmo || opts.units.length > 0 || opts.contributors);
  const drawn = useMemo(
    () => (on ? roleLayers(bases, opts) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [bases, key, on],
  );
  return useMemo<FeatureMap>(() => {
    const click: PickHandler['click'] = (o) => ({
      type: 'select',
      selection: { kind: 'base', id: baseOf(o).base.id },
    });
    const name = (v: BaseView): string => `${isolate(v.base.location)} (${v.by.mission})`;
    const pick: Record<string, PickHandler> = {
      [ROLE_LAYER_IDS.unpol]: { click, hover: (o) => `${name(baseOf(o))}: UN police present` },
      [ROLE_LAYER_IDS.unmo]: {
        click,
        hover: (o) => `${name(baseOf(o))}: UN military observers present`,
      },
      [ROLE_LAYER_IDS.units]: {
        click,
        hover: (o) => `${name(baseOf(o))}: ${UNIT_MARKERS[(o as UnitBadge).key].unit} unit`,
      },
      [ROLE_LAYER_IDS.tccCount]: {
        click,
        hover: (o) => {
          const v = baseOf(o);
          const n = tccCountOf(v);
          return `${name(v)}: ${n === null ? 'contributors not known' : plural(n, 'contributing country', 'contributing countries')}${v.by.tcc.length ? ` — ${v.by.tcc.join(', ')}` : ''}`;
        },
      },
      [ROLE_LAYER_IDS.tccLabel]: {
        click,
        hover: (o) => `${name(baseOf(o))}: ${baseOf(o).by.tcc.join(', ')}`,
      },
    };
    const section = layers.bases ? rolesSection(opts) : null;
    return {
      layers: { top: drawn },
      legend: section ? [section] : [],
      pick,
      renderKey: on ? `roles:${key}` : undefined,
      counts: { roleBadges: on ? bases.length : 0 },
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [drawn, key, on, layers.bases, bases]);
}

/** The deployment roles feature. */
export const rolesFeature: Feature = { id: 'roles', useMap: useRolesMap };
