/**
 * The features of the running atlas, for components that compose them (the details panel asks
 * for the features' cell sections). The list itself is `FEATURES` in `index.ts`.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { LegendSection } from '../../map/legend';
import type { Feature } from './contract';

const FeaturesContext = createContext<readonly Feature[]>([]);

/** Provides the feature list. */
export function FeaturesProvider(props: { features: readonly Feature[]; children: ReactNode }) {
  return (
    <FeaturesContext.Provider value={props.features}>{props.children}</FeaturesContext.Provider>
  );
}

/** The feature list. */
export function useFeatures(): readonly Feature[] {
  return useContext(FeaturesContext);
}

const LegendContext = createContext<readonly LegendSection[]>([]);

/** Provides the legend sections the map shows now (composed from the features). */
export function LegendProvider(props: { sections: readonly LegendSection[]; children: ReactNode }) {
  return <LegendContext.Provider value={props.sections}>{props.children}</LegendContext.Provider>;
}

/** The legend sections the map shows now (the presenter renders the same). */
export function useLegendSections(): readonly LegendSection[] {
  return useContext(LegendContext);
}
