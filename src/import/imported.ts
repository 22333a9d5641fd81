// What an importer makes of a source, before anything is written: plain content-shaped data
// (front matter objects as the loader reads them) and the problems met on the way.
import type { CustomFieldDefinition, Licence } from '../catalogue/schema.ts';

export interface ImportedTeam {
  id: string;
  title: string;
  description?: string;
  email?: string;
  url?: string;
  image?: string;
}

export interface ImportedTopic {
  id: string;
  title: string;
  description?: string;
}

/** One dataset file: its front matter (keys as content/ spells them) and its Markdown body. */
export interface ImportedDataset {
  id: string;
  fields: Record<string, unknown>;
  body: string;
}

/** Something the importer could not take over as it was: where it is in the source and why. */
export interface ImportNote {
  severity: 'skipped' | 'changed';
  /** The source file (or URL), and the line in it when known. */
  source: string;
  line: number | null;
  message: string;
}

/** Settings for a catalogue.yaml written from scratch, when content/ has none. */
export interface SiteSeed {
  title: string;
  description?: string;
  url?: string;
  publisher: string;
}

export interface ImportedCatalogue {
  site: SiteSeed;
  teams: ImportedTeam[];
  topics: ImportedTopic[];
  licences: Licence[];
  customFields: CustomFieldDefinition[];
  datasets: ImportedDataset[];
  notes: ImportNote[];
}
