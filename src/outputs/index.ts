// Every output a build can write, and which of them a build enables. Each output describes itself
// (src/outputs/output.ts); what the pages link to is derived here from the enabled ones.
import type { Catalogue } from '../catalogue/model.ts';
import { ckanApiOutput } from './ckan/output.ts';
import { exportsOutput } from './exports.ts';
import { dataJsonOutput } from './datajson.ts';
import { discoveryOutput } from './discovery.ts';
import { searchOutput } from './search/output.ts';
import { dcatOutput } from './dcat/output.ts';
import { contentSchemasOutput } from './content-schemas.ts';
import { linkReportOutput } from './link-report.ts';
import { tableSchemaOutput } from './table-schema.ts';
import type { DatasetLinkTemplate, EndpointGroup, OfferedLink, Output } from './output.ts';

/** In the order pages list what they offer: the API client libraries speak first, then the downloads. */
export const allOutputs: readonly Output[] = [ckanApiOutput, exportsOutput, dataJsonOutput, dcatOutput, discoveryOutput, searchOutput, contentSchemasOutput, linkReportOutput, tableSchemaOutput];

export interface OutputChoice {
  /** The CKAN API, and its rules in the host configurations (default true). */
  ckanApi?: boolean;
}

export function enabledOutputs(choice: OutputChoice): Output[] {
  // The Table Schemas are read in the CKAN API's resources: without it, there is nothing to point at.
  return allOutputs.filter((output) => (output !== ckanApiOutput && output !== tableSchemaOutput) || choice.ckanApi !== false);
}

/** What the pages may offer of a build's outputs: plain data, handed to the site with the catalogue. */
export interface SiteOutputs {
  summaries: string[];
  links: OfferedLink[];
  datasetLinks: DatasetLinkTemplate[];
  reference: EndpointGroup[];
}

export function siteOutputs(catalogue: Catalogue, outputs: readonly Output[]): SiteOutputs {
  const descriptions = outputs.map((output) => output.describe(catalogue));
  return {
    summaries: descriptions.map((description) => description.summary).filter((summary) => summary !== ''),
    links: descriptions.flatMap((description) => description.links),
    datasetLinks: descriptions.flatMap((description) => description.datasetLinks),
    reference: descriptions.flatMap((description) => description.reference),
  };
}

export type Timed = <T>(name: string, work: () => Promise<T>) => Promise<T>;

/** Writes every part of `outputs` in order; `timed` lets the build measure each. */
export async function writeOutputs(catalogue: Catalogue, outDir: string, outputs: readonly Output[] = allOutputs, timed: Timed = (_name, work) => work()): Promise<void> {
  for (const output of outputs) {
    for (const part of output.parts) await timed(part.name, () => part.write(catalogue, outDir));
  }
}
