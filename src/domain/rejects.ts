/**
 * Reason codes for rejected source rows. Every row the data build does not keep gets exactly one
 * of these (the first check it fails, in the order listed), with its source file and line, in
 * `public/data/rejects.csv`, and is counted per reason in `manifest.json`.
 */
export const REASONS = {
  MALFORMED_LINE:
    'The CSV reader could not split the line into the header’s columns (too many / too few fields, an unterminated quote).',
  MISSING_VALUE: 'A required field (GED id, mission, location, type_of_violence) is empty.',
  BAD_NUMBER: 'A numeric field holds something that is not a (whole) number.',
  BAD_YEAR: 'The year is not a whole number between 1946 and 2100.',
  BAD_MONTH: 'The month is not a whole number between 1 and 12.',
  BAD_DATE: 'GED date_start is not a date (YYYY-MM-DD, optionally followed by a time).',
  UNKNOWN_VIOLENCE_TYPE: 'GED type_of_violence is not 1, 2 or 3.',
  MISSING_COORDINATES: 'Latitude or longitude is empty or NA.',
  COORDINATES_OUT_OF_RANGE: 'Latitude outside [-90, 90] or longitude outside [-180, 180].',
  NEGATIVE_COUNT: 'A fatality estimate or troop count is negative.',
  DUPLICATE_EVENT:
    'A second copy of a GED event id already read (from the same file or another file of the release).',
  SUPERSEDED_ROW:
    'A monthly Geo-PKO row for a mission-month that a newer Geo-PKO version also covers.',
  NO_MATCHING_BASE_YEAR:
    'A Geo-PKO unit-type (TTMap) or contributor (TCCMap) row with no deployment (FrontMap) row for the same mission, location and year.',
} as const;

/** A reason code. */
export type ReasonCode = keyof typeof REASONS;

/** Every reason code, in check order. */
export const REASON_CODES = Object.keys(REASONS) as ReasonCode[];

/** One rejected source row. */
export interface RejectedRow {
  /** Source file, relative to the source folder. */
  source: string;
  /**
   * Line of the record: the header is line 1 and the n-th record line n + 1 (for GeoJSON the
   * physical line of the feature). A quoted field with a line break makes a record one line.
   */
  line: number;
  reason: ReasonCode;
  /** What was wrong, e.g. `latitude "abc"`. */
  detail: string;
}
