/**
 * Grid feature (grid robustness, issue 14 point 3): on an H3 grid (`state.grid` h3r4 / h3r5) the
 * violence cells and the lag flags of the year are drawn as hexagons (deck.gl `H3HexagonLayer`)
 * from the regridded dataset, in place of the PRIO-GRID squares, which the violence and lag
 * features hide. The switch and the PRIO-GRID / H3 comparison are in the Lag tab
 * (`src/ui/grid/GridSection.tsx`). Nothing is loaded or drawn on PRIO-GRID.
 */
import { useMemo } from 'react';
import type { CellView } from '../../data/selectors';
import { toLagParams } from '../../data/lagSelectors';
import { PRIO_GRID, h3OfKey, meanAreaKm2 } from '../../domain/gridSystem';
import type { Episode, LagCategory } from '../../domain/lagTypes';
import { HEX_LAYER_IDS } from '../../map/hexLayerIds';
import { flagsSection, violenceSection } from '../../map/legend';
import { fmt, fmtPeriod } from '../format';
import { useGridData } from '../grid/useGridData';
import { useVisible } from './compose';
import type { Feature, FeatureContext, FeatureMap } from './contract';
import { flagHoverText } from './lag';

const EMPTY: CellView[] = [];
const NO_FLAGS: Episode[] = [];

/** "H3 r4 hexagon (≈ 1,770 km²)": how the legend and hover name a hexagon. */
export function hexagonWords(res: 4 | 5): string {
  const km2 = meanAreaKm2(res === 4 ? 'h3r4' : 'h3r5');
  return `H3 resolution ${res} hexagon (≈ ${fmt(Math.round(km2))} km²)`;
}

function useGridMap(ctx: FeatureContext): FeatureMap {
  const { data, view } = ctx;
  const { state, covered } = view;
  const { grid, year, month, perpetrator, layers, mission, lag } = state;
  const g = useGridData(grid);
  const gd = g.data;
  const params = useMemo(() => toLagParams(lag, perpetrator), [lag, perpetrator]);
  const cells = gd ? gd.sel.cellsOf(year, perpetrator, covered) : EMPTY;
  const flags = gd && layers.flags ? gd.lag.flagsInYear(mission, params, year) : NO_FLAGS;
  const rt = g.runtime;
  const cellLayer = useMemo(() => (gd && rt ? rt.hexViolenceLayer(cells) : null), [gd, rt, cells]);
  const flagLayer = useMemo(() => (gd && rt ? rt.hexFlagLayer(flags) : null), [gd, rt, flags]);
  const cellLayers = useVisible([cellLayer], layers.violence && gd !== null);
  const flagLayers = useVisible([flagLayer], layers.flags && gd !== null);

  return useMemo<FeatureMap>(() => {
    if (!gd) {
      const idle: FeatureMap = { layers: {}, legend: [], pick: {} };
      return grid === 'prio' ? idle : { ...idle, renderKey: `grid=${grid}:loading` };
    }
    const words = hexagonWords(gd.res);
    const nameOf = (key: number): string => {
      const [lon, lat] = gd.grid.centroid(key);
      return `${words.split(' (')[0]} near ${data.cellName(PRIO_GRID.cellOf(lat, lon)).name}`;
    };
    const counts: Partial<Record<LagCategory, number>> = {};
    const censoredYears: number[] = [];
    for (const e of flags) {
      counts[e.category] = (counts[e.category] ?? 0) + 1;
      if (e.censoredStart) censoredYears.push(e.onsetYear);
    }
    const v = violenceSection(fmtPeriod(year, month), perpetrator);
    return {
      layers: { cells: cellLayers, aboveCells: flagLayers },
      legend: [
        ...(layers.violence
          ? [
              {
                ...v,
                notes: [
                  `Best estimate per ${words}`,
                  'Hexagons with no recorded violence are not drawn.',
                ],
              },
            ]
          : []),
        ...(layers.flags
          ? [
              flagsSection({
                year,
                counts,
                censored: { count: censoredYears.length, years: censoredYears },
                notComputed: covered.length === 0,
              }),
            ]
          : []),
      ],
      pick: {
        [HEX_LAYER_IDS.violence]: {
          hover: (o) => {
            const c = o as CellView;
            return `${nameOf(c.gid)}: ${fmt(c.value)} civilians killed in ${fmtPeriod(year, month)} (${h3OfKey(c.gid)})`;
          },
        },
        [HEX_LAYER_IDS.flags]: {
          hover: (o) => flagHoverText(o as Episode, nameOf((o as Episode).gid)),
        },
      },
      renderKey: `grid=${grid}`,
      counts: {
        hexagons: layers.violence ? cells.length : 0,
        hexFlags: layers.flags ? flags.length : 0,
      },
    };
  }, [
    gd,
    grid,
    cellLayers,
    flagLayers,
    layers,
    year,
    month,
    perpetrator,
    flags,
    cells,
    covered,
    data,
  ]);
}

/** The grid feature. */
export const gridFeature: Feature = { id: 'grid', useMap: useGridMap };
