/**
 * The atlas's features, in drawing and legend order. Adding a feature is one module implementing
 * `Feature` (see `contract.ts`) and one line here.
 */
import { basesFeature } from './bases';
import { changesFeature } from './changes';
import { compareFeature } from './compare';
import type { Feature } from './contract';
import { coverageFeature } from './coverage';
import { detailsFeature } from './details';
import { gridFeature } from './grid';
import { hotspotsFeature } from './hotspots';
import { lagFeature } from './lag';
import { countriesFeature } from './countries';
import { mapsFeature } from './maps';
import { placesFeature } from './places';
import { rolesFeature } from './roles';
import { worldFeature } from './worldView';
import { storyFeature } from './story';
import { violenceFeature } from './violence';

/** Every feature, frozen: the map host calls their hooks in this order on every render. */
export const FEATURES: readonly Feature[] = Object.freeze([
  violenceFeature,
  gridFeature,
  detailsFeature,
  basesFeature,
  rolesFeature,
  worldFeature,
  changesFeature,
  lagFeature,
  coverageFeature,
  hotspotsFeature,
  storyFeature,
  placesFeature,
  countriesFeature,
  mapsFeature,
  compareFeature,
]);
