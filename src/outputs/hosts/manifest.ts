// The build's note of which outputs it holds, for `datashelf preview`: the preview applies the
// host rules of those outputs only, as the host configurations written by the same build do, so a
// build without the CKAN API is previewed without it. Never served (the site's `hidden` files).

export const outputsManifestFile = 'datashelf.outputs.json';

export function outputsManifest(outputIds: readonly string[]): string {
  return `${JSON.stringify({ outputs: outputIds })}\n`;
}

/** The output ids a manifest lists; an exception for a file that is not one (a developer's error, not a user's). */
export function manifestOutputIds(text: string): string[] {
  const parsed = JSON.parse(text) as { outputs?: unknown };
  if (!Array.isArray(parsed.outputs) || !parsed.outputs.every((id) => typeof id === 'string')) throw new Error(`${outputsManifestFile} does not list output ids`);
  return parsed.outputs as string[];
}
