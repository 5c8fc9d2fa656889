/**
 * How to cite what a download is made of: UCDP GED (its two reference articles), Geo-PKO and
 * Presence Atlas itself, as BibTeX and as plain text. The app's Cite dialog and every download's
 * provenance use these. Pure: the app version is passed in (package.json's `version`).
 */

/** One work to cite. */
export interface Citation {
  /** BibTeX key, e.g. `sundberg2013`. */
  key: string;
  /** What it is cited for: "UCDP GED", "Geo-PKO", "Presence Atlas". */
  source: string;
  bibtex: string;
  plain: string;
}

/** The two articles UCDP asks users of GED to cite, and Geo-PKO's reference article. */
const SOURCE_CITATIONS: readonly Citation[] = [
  {
    key: 'sundberg2013',
    source: 'UCDP GED',
    bibtex: `@article{sundberg2013,
  author  = {Sundberg, Ralph and Melander, Erik},
  title   = {Introducing the {UCDP} Georeferenced Event Dataset},
  journal = {Journal of Peace Research},
  year    = {2013},
  volume  = {50},
  number  = {4},
  pages   = {523--532},
  doi     = {10.1177/0022343313484347}
}`,
    plain:
      'Sundberg, Ralph, and Erik Melander. 2013. “Introducing the UCDP Georeferenced Event Dataset.” Journal of Peace Research 50(4): 523–532. https://doi.org/10.1177/0022343313484347',
  },
  {
    key: 'davies2023',
    source: 'UCDP GED',
    bibtex: `@article{davies2023,
  author  = {Davies, Shawn and Pettersson, Therése and Öberg, Magnus},
  title   = {Organized violence 1989--2022, and the return of conflict between states},
  journal = {Journal of Peace Research},
  year    = {2023},
  volume  = {60},
  number  = {4},
  pages   = {691--708},
  doi     = {10.1177/00223433231185169}
}`,
    plain:
      'Davies, Shawn, Therése Pettersson, and Magnus Öberg. 2023. “Organized violence 1989–2022, and the return of conflict between states.” Journal of Peace Research 60(4): 691–708. https://doi.org/10.1177/00223433231185169',
  },
  {
    key: 'cil2020',
    source: 'Geo-PKO',
    bibtex: `@article{cil2020,
  author  = {Cil, Deniz and Fjelde, Hanne and Hultman, Lisa and Nilsson, Desirée},
  title   = {Mapping blue helmets: Introducing the Geocoded Peacekeeping Operations ({Geo-PKO}) dataset},
  journal = {Journal of Peace Research},
  year    = {2020},
  volume  = {57},
  number  = {2},
  pages   = {360--370},
  doi     = {10.1177/0022343319871978}
}`,
    plain:
      'Cil, Deniz, Hanne Fjelde, Lisa Hultman, and Desirée Nilsson. 2020. “Mapping blue helmets: Introducing the Geocoded Peacekeeping Operations (Geo-PKO) dataset.” Journal of Peace Research 57(2): 360–370. https://doi.org/10.1177/0022343319871978',
  },
];

/** Presence Atlas itself, at `version` (package.json). */
export function atlasCitation(version: string): Citation {
  return {
    key: 'presenceatlas',
    source: 'Presence Atlas',
    bibtex: `@software{presenceatlas,
  title   = {Presence Atlas: one-sided violence and {UN} peacekeeping deployments on the {PRIO-GRID}},
  version = {${version}},
  note    = {Software; UCDP GED and Geo-PKO data}
}`,
    plain: `Presence Atlas, version ${version}. Software: one-sided violence (UCDP GED) and UN peacekeeping deployments (Geo-PKO) on the PRIO-GRID.`,
  };
}

/** Everything a download's user should cite, sources first, Presence Atlas last. */
export function citations(version: string): Citation[] {
  return [...SOURCE_CITATIONS, atlasCitation(version)];
}

/** All BibTeX entries, separated by a blank line, with a trailing newline. */
export function bibtexAll(version: string): string {
  return `${citations(version)
    .map((c) => c.bibtex)
    .join('\n\n')}\n`;
}

/** All plain-text references, one per line, with a trailing newline. */
export function plainAll(version: string): string {
  return `${citations(version)
    .map((c) => c.plain)
    .join('\n')}\n`;
}
