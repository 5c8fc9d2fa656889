/**
 * The lag parameters in a link: one encoding for the Lag tab's own parameters (`theta`, `reach`,
 * `win`, `delta`, `prec`, `init`, `reachkm` as query parameters) and for compare's second
 * parameter set (the same names and values inside `cmpl`, e.g. `cmpl=theta:25,win:5`). Values are
 * validated by the analysis itself (`parseLagParams`, src/domain/lagTypes.ts) with its bounds;
 * a bad value keeps the value it had and gives a notice.
 */
import { LAG_PARAM_BOUNDS, parseLagParams, REACH_KM_BOUNDS } from '../domain/lagTypes';
import type { LagNumberKey, LagParams } from './state';

/** The link names of the numeric lag parameters, in the panel's order. */
export const LAG_LINK_PARAMS: readonly (readonly [string, LagNumberKey])[] = [
  ['theta', 'theta'],
  ['reach', 'reach'],
  ['win', 'window'],
  ['delta', 'delta'],
  ['prec', 'precision'],
];

/** Every link name of a lag parameter (the numeric ones, `init`, `reachkm`). */
export const LAG_LINK_NAMES: readonly string[] = [
  ...LAG_LINK_PARAMS.map(([p]) => p),
  'init',
  'reachkm',
];

/** Shortens user input quoted in a notice. */
export function quote(s: string): string {
  const t = s.length > 40 ? `${s.slice(0, 40)}…` : s;
  return `“${t}”`;
}

/**
 * `lag` with the link parameter `param` set to the text `value` (`param` one of
 * {@link LAG_LINK_NAMES}); a bad value leaves `lag` as it is and returns a notice saying why
 * (prefixed with `where`, e.g. "Rules B: ").
 */
export function applyLagLinkParam(
  lag: LagParams,
  param: string,
  value: string,
  where = '',
): { lag: LagParams; notice?: string } {
  const num = LAG_LINK_PARAMS.find(([p]) => p === param);
  if (num) {
    const key = num[1];
    try {
      return { lag: { ...lag, [key]: parseLagParams({ [key]: value })[key] } };
    } catch {
      const { min, max, integer } = LAG_PARAM_BOUNDS[key];
      return {
        lag,
        notice: `${where}Parameter ${param}=${quote(value)} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}; using ${lag[key]}.`,
      };
    }
  }
  if (param === 'init') {
    try {
      return {
        lag: {
          ...lag,
          initialDeployment: parseLagParams({ initialDeployment: value }).initialDeployment,
        },
      };
    } catch {
      return {
        lag,
        notice: `${where}Parameter init=${quote(value)} must be 1 (initial deployment counts) or 0; using ${lag.initialDeployment ? 1 : 0}.`,
      };
    }
  }
  if (param === 'reachkm') {
    try {
      return { lag: { ...lag, reachKm: parseLagParams({ reachKm: value }).reachKm ?? null } };
    } catch {
      return {
        lag,
        notice: `${where}Parameter reachkm=${quote(value)} must be a number of km from ${REACH_KM_BOUNDS.min} to ${REACH_KM_BOUNDS.max}; using ${lag.reachKm != null ? `${lag.reachKm} km` : 'rings'}.`,
      };
    }
  }
  return { lag, notice: `${where}Ignored unknown lag parameter ${quote(param)}.` };
}

/**
 * The link parameters (name, value) of `lag` that differ from `base`, in the panel's order: the
 * numbers, `reachkm` (`off` when `base` has a reach in km and `lag` has none) and `init` (1 / 0).
 * With `base` the defaults these are the main parameters; with `base` rules A, compare's `cmpl`.
 */
export function lagLinkFields(lag: LagParams, base: LagParams): [string, string][] {
  const out: [string, string][] = [];
  for (const [param, key] of LAG_LINK_PARAMS)
    if (lag[key] !== base[key]) out.push([param, String(lag[key])]);
  const km = lag.reachKm ?? null;
  if (km !== (base.reachKm ?? null)) out.push(['reachkm', km === null ? 'off' : String(km)]);
  if (lag.initialDeployment !== base.initialDeployment)
    out.push(['init', lag.initialDeployment ? '1' : '0']);
  return out;
}
