/**
 * Everything the H3 grid needs that the first frame does not (h3-js, `@deck.gl/geo-layers`): one
 * module that `useGridData` imports dynamically on the first switch to an H3 grid, so that Vite
 * puts it in its own chunk.
 */
export { gridData } from '../../data/gridData';
export { hexFlagLayer, hexViolenceLayer } from '../../map/hexLayers';
