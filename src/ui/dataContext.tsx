/**
 * The loaded data for every component: the dataset's selector bundle (`src/data/atlasData.ts`,
 * the only way in to derived data) and the basemap extras.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { AtlasData } from '../data/atlasData';
import type { BasemapData } from '../data/load';

/** What the data context holds. */
export interface DataContextValue {
  data: AtlasData;
  basemap: BasemapData;
  /** URL folder the data came from (ends in `/`). */
  dataUrl: string;
}

const DataContext = createContext<DataContextValue | null>(null);

/** Provides the loaded data to the tree. */
export function DataProvider(props: { value: DataContextValue; children: ReactNode }) {
  return <DataContext.Provider value={props.value}>{props.children}</DataContext.Provider>;
}

/** The loaded data (throws outside a {@link DataProvider}). */
export function useData(): DataContextValue {
  const v = useContext(DataContext);
  if (!v) throw new Error('useData needs a <DataProvider>.');
  return v;
}
