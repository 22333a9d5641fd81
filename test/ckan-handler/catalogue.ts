// The catalogue of the handler's unit tests: the minimal fixture (FOI requests, Road Casualties, a
// private dataset) and five datasets chosen for CKAN's own examples (`q=flood` finds floods,
// `fq=tags:economy`, the top tags), accents, words cut by case and hyphen, ties and dates on both
// sides of NOW (test/ckan-handler/helpers.ts `testNow`, 2025-06-01T10:20:30Z).
import { handledApi, type HandledApi } from './helpers.ts';

const dataset = (fields: Record<string, string>, notes: string, resources: string[] = []) =>
  ['---', ...Object.entries(fields).map(([key, value]) => `${key}: ${value}`), ...(resources.length > 0 ? ['resources:', ...resources] : []), '---', notes, ''].join('\n');
const resource = (id: string, title: string, format: string) => `  - id: ${id}\n    title: ${title}\n    url: https://files.testshire.example/${id}.${format.toLowerCase()}\n    format: ${format}`;

export const unitCatalogue: Record<string, string> = {
  'datasets/floods.md': dataset(
    { title: 'Floods in 2020', team: 'highways', tags: '[economy, Flooding]', topics: '[transport]', licence: 'cc-by-4.0', createdAt: '2020-12-01T00:00:00Z', updatedAt: '2025-06-01T09:00:00Z' },
    'Flood warnings issued by the council, street by street.',
    [resource('floods-csv', 'Warnings', 'CSV')],
  ),
  'datasets/flood-defences.md': dataset(
    { title: 'Flood defences', team: 'information', tags: '[environment]', createdAt: '2018-05-05T00:00:00Z', updatedAt: '2023-03-03T12:00:00Z' },
    'Defences along the river.',
    [resource('defences-geojson', 'Defence lines', 'GEOJSON')],
  ),
  'datasets/spending.md': dataset(
    { title: 'Council spending', team: 'highways', tags: '[economy, Budget]', topics: '[community-information]', createdAt: '2021-01-01T00:00:00Z', updatedAt: '2024-06-30T12:00:00Z', custom: '{ unit: Finance }' },
    'Every payment over 500 pounds.',
    [resource('spending-xlsx', 'Payments 2024', 'XLSX'), resource('spending-csv', 'Payments 2024 as CSV', 'CSV')],
  ),
  'datasets/cafes.md': dataset(
    { title: 'Café openings in Zürich', team: 'information', tags: '[Café]', createdAt: '2022-02-02T00:00:00Z', updatedAt: '2025-06-01T18:00:00Z' },
    'Where the cafés opened; a note on spending on cafés.',
  ),
  'datasets/hotspots.md': dataset(
    { title: 'GeoJSON Wi-Fi hotspots', name: 'wifi-hotspots', team: 'highways', tags: '[Wi-Fi]', createdAt: '2019-01-01T00:00:00Z', updatedAt: '2024-06-30T12:00:00Z' },
    'Public Wi-Fi in libraries.',
    [resource('hotspots-json', 'Hotspots', 'JSON')],
  ),
};

/** The names of the unit catalogue, in the index's order (newest first, then id). */
export async function unitApi(): Promise<HandledApi> {
  return handledApi('minimal', unitCatalogue);
}
