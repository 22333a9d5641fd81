// A local GeoJSON file in a few facts: how many features, of which geometry types, over which
// bounding box. A GeoJSON document is one JSON value, so it is parsed whole: only up to a size that
// fits comfortably in memory; a larger file gets a note instead of a summary.
import { readFile } from 'node:fs/promises';
import type { GeoSummary } from '../model.ts';

/** Files above this are not parsed: JSON.parse holds the whole text and every object at once. */
export const geoJsonSizeLimit = 64 * 1024 * 1024;

type Box = [number, number, number, number];

export async function summariseGeoJson(file: string, size: number): Promise<GeoSummary> {
  if (size > geoJsonSizeLimit) {
    return { kind: 'geojson', featureCount: 0, geometryTypes: [], bbox: null, problem: `The file is larger than ${geoJsonSizeLimit / 1024 / 1024} MB, so it is not summarised here; download it to see its features.` };
  }
  let document: unknown;
  try {
    document = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (error) {
    return { kind: 'geojson', featureCount: 0, geometryTypes: [], bbox: null, problem: `The file is not valid JSON: ${(error as Error).message}` };
  }
  return summarise(document);
}

export function summarise(document: unknown): GeoSummary {
  const types = new Set<string>();
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  let featureCount = 0;
  const object = document as { type?: unknown; features?: unknown; geometry?: unknown };
  const geometries: unknown[] = [];
  if (object?.type === 'FeatureCollection' && Array.isArray(object.features)) {
    for (const feature of object.features) {
      featureCount += 1;
      geometries.push((feature as { geometry?: unknown } | null)?.geometry ?? null);
    }
  } else if (object?.type === 'Feature') {
    featureCount = 1;
    geometries.push(object.geometry ?? null);
  } else if (typeof object?.type === 'string' && geometryTypes.has(object.type)) {
    geometries.push(object);
  } else {
    return { kind: 'geojson', featureCount: 0, geometryTypes: [], bbox: null, problem: 'The file is JSON but not GeoJSON: it has no FeatureCollection, Feature or geometry at its top level.' };
  }
  for (const geometry of geometries) visitGeometry(geometry, types, box);
  return {
    kind: 'geojson',
    featureCount,
    geometryTypes: [...types].sort(),
    bbox: box[0] <= box[2] ? box : null,
    problem: null,
  };
}

const geometryTypes = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

function visitGeometry(geometry: unknown, types: Set<string>, box: Box): void {
  const shape = geometry as { type?: unknown; coordinates?: unknown; geometries?: unknown } | null;
  if (!shape || typeof shape.type !== 'string' || !geometryTypes.has(shape.type)) return;
  types.add(shape.type);
  if (shape.type === 'GeometryCollection') {
    if (Array.isArray(shape.geometries)) for (const part of shape.geometries) visitGeometry(part, types, box);
    return;
  }
  extend(shape.coordinates, box);
}

/** Widens the box by every position in nested coordinate arrays (a position is [x, y, …]). */
function extend(coordinates: unknown, box: Box): void {
  if (!Array.isArray(coordinates)) return;
  if (typeof coordinates[0] === 'number' && typeof coordinates[1] === 'number') {
    const [x, y] = coordinates as [number, number];
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    if (x < box[0]) box[0] = x;
    if (y < box[1]) box[1] = y;
    if (x > box[2]) box[2] = x;
    if (y > box[3]) box[3] = y;
    return;
  }
  for (const part of coordinates) extend(part, box);
}
