/**
 * The store-bound parts of the atlas layout: notices, header, side panel (the features' tabs) and
 * the export progress cover. Each reads only the slices it shows.
 */
import { memo, useCallback, useMemo, useState } from 'react';
import { LAYER_KEYS, type PanelTab } from '../state/state';
import { useData } from './dataContext';
import { useDataHelp } from './help/DataHelp';
import { FEATURES } from './features';
import { noViolenceDataMessage } from './format';
import { Header } from './Header';
import { Notices, type Notice } from './Screens';
import { SidePanel } from './SidePanel';
import { ExportProgress } from './story/ExportProgress';
import { useExportsApi } from './story/exportsContext';
import { useAtlas, useDispatch } from './store';

/** The notices over the map: link problems, load warnings, and missing violence data. */
export const NoticesHost = memo(function NoticesHost(props: { initial: readonly string[] }) {
  const { data } = useData();
  const mission = useAtlas((s) => s.mission);
  const year = useAtlas((s) => s.year);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  const { openData } = useDataHelp();
  const coverage = data.sel.missionCoverage(mission, year);
  const notices = useMemo(() => {
    const list: Notice[] = props.initial.map((text, i) => ({
      id: `initial-${i}`,
      text,
      kind: 'warning',
      dismissible: true,
    }));
    if (coverage.missing.length > 0)
      list.push({
        id: `nodata-${mission}-${year}`,
        text: noViolenceDataMessage(coverage.missing, year, data.dataset.coverage),
        kind: 'info',
        dismissible: false,
        action: { label: 'How to add it', onClick: openData },
      });
    return list.filter((n) => !dismissed.has(n.id));
  }, [props.initial, coverage, mission, year, data.dataset.coverage, dismissed, openData]);
  return <Notices notices={notices} onDismiss={(id) => setDismissed((d) => new Set([...d, id]))} />;
});

/** The header bound to the store. */
export const HeaderHost = memo(function HeaderHost() {
  const { data } = useData();
  const dispatch = useDispatch();
  const mission = useAtlas((s) => s.mission);
  const perpetrator = useAtlas((s) => s.perpetrator);
  const layers = useAtlas((s) => s.layers);
  const world = useAtlas((s) => s.world !== null);
  return (
    <Header
      missions={data.sel.missions}
      mission={mission}
      onMission={(m) => dispatch({ type: 'setMission', mission: m })}
      perpetrator={perpetrator}
      onPerpetrator={(p) => dispatch({ type: 'setPerpetrator', perpetrator: p })}
      layers={layers}
      availableLayers={LAYER_KEYS}
      onToggleLayer={(l) => dispatch({ type: 'toggleLayer', layer: l })}
      onFit={() => dispatch(world ? { type: 'closeWorld' } : { type: 'fitMission' })}
      world={world}
      onWorld={() => dispatch({ type: world ? 'closeWorld' : 'openWorld' })}
      searchIndex={data.searchIndex}
      onSearchPick={(e) =>
        dispatch({ type: 'pickSearchResult', pick: data.sel.searchPick(e), zoom: 7 })
      }
    />
  );
});

/** The side panel with the features' tabs. */
export const SidePanelHost = memo(function SidePanelHost() {
  const dispatch = useDispatch();
  const active = useAtlas((s) => s.panel);
  const tabs = useMemo(
    () =>
      FEATURES.flatMap((f) => f.panels ?? []).map((p) => ({
        id: p.id,
        label: p.label,
        content: <p.Component />,
      })),
    [],
  );
  const onActivate = useCallback(
    (panel: PanelTab) => dispatch({ type: 'setPanel', panel }),
    [dispatch],
  );
  return <SidePanel active={active} onActivate={onActivate} tabs={tabs} />;
});

export const ExportProgressHost = memo(function ExportProgressHost() {
  const ex = useExportsApi();
  return <ExportProgress busy={ex.busy} onCancel={ex.cancel} />;
});
