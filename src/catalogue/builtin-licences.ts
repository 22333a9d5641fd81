// The licences every catalogue can use without defining them; content/licences.yaml adds or overrides.
import type { Licence } from './schema.ts';

export const builtInLicences: Licence[] = [
  { id: 'ogl-v3', title: 'UK Open Government Licence (OGL v3)', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/', open: true },
  { id: 'cc-by-4.0', title: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/', open: true },
  { id: 'cc-by-sa-4.0', title: 'Creative Commons Attribution Share-Alike 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/', open: true },
  { id: 'cc0-1.0', title: 'Creative Commons CC0 1.0 (public domain dedication)', url: 'https://creativecommons.org/publicdomain/zero/1.0/', open: true },
  { id: 'odc-by', title: 'Open Data Commons Attribution License', url: 'https://opendatacommons.org/licenses/by/1-0/', open: true },
  { id: 'odc-odbl', title: 'Open Data Commons Open Database License (ODbL)', url: 'https://opendatacommons.org/licenses/odbl/1-0/', open: true },
  { id: 'odc-pddl', title: 'Open Data Commons Public Domain Dedication and License (PDDL)', url: 'https://opendatacommons.org/licenses/pddl/1-0/', open: true },
  { id: 'other-closed', title: 'Other (not open)', open: false },
];
