/**
 * Layer ids of the hexagon layers (`hexLayers.ts`), apart from the builders so that the features
 * can key their pick handlers without loading `@deck.gl/geo-layers` before the grid is switched.
 */
export const HEX_LAYER_IDS = {
  violence: 'violence-hexagons',
  flags: 'lag-flags-hexagons',
} as const;
