/**
 * React access to the one store: `<StoreProvider store>` at the top, `useAtlas(selector)` to
 * read a slice (re-renders only when `Object.is` says the slice changed), `useDispatch()` to send
 * actions.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { Action } from '../state/reduce';
import type { AppState } from '../state/state';
import type { Store } from '../state/store';

const StoreContext = createContext<Store | null>(null);

/** Provides the store to the tree. */
export function StoreProvider(props: { store: Store; children: ReactNode }) {
  return <StoreContext.Provider value={props.store}>{props.children}</StoreContext.Provider>;
}

function useStore(): Store {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAtlas / useDispatch need a <StoreProvider>.');
  return store;
}

/** A slice of the state; the component re-renders when the selected value changes. */
export function useAtlas<T>(selector: (s: AppState) => T): T {
  const store = useStore();
  const get = (): T => selector(store.getState());
  return useSyncExternalStore(store.subscribe, get, get);
}

/** The store's dispatch (stable). */
export function useDispatch(): (a: Action) => void {
  return useStore().dispatch;
}
