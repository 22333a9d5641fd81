// What content/ already defines that an import must reuse rather than redefine: licences (built in
// and content/licences.yaml) and custom fields. Read leniently: `check` is where content is judged.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { builtInLicences } from '../catalogue/builtin-licences.ts';
import { customFieldSchema, licenceSchema, type CustomFieldDefinition, type Licence } from '../catalogue/schema.ts';

export interface ExistingContent {
  licences: Licence[];
  customFields: CustomFieldDefinition[];
  /** Masthead ids in content/mastheads.yaml: an export names a masthead but cannot give its image. */
  mastheads: Set<string>;
}

async function readYaml(file: string): Promise<unknown> {
  try {
    return jsYaml.load(await readFile(file, 'utf8'), { schema: jsYaml.CORE_SCHEMA });
  } catch {
    return null;
  }
}

export async function readExistingContent(contentDir: string): Promise<ExistingContent> {
  const licences = new Map(builtInLicences.map((licence) => [licence.id, licence]));
  const licenceList = await readYaml(path.join(contentDir, 'licences.yaml'));
  if (Array.isArray(licenceList)) {
    for (const item of licenceList) {
      const parsed = licenceSchema.safeParse(item);
      if (parsed.success) licences.set(parsed.data.id, parsed.data);
    }
  }
  const settings = (await readYaml(path.join(contentDir, 'catalogue.yaml'))) as { customFields?: unknown } | null;
  const customFields = Array.isArray(settings?.customFields)
    ? settings.customFields.flatMap((item) => {
        const parsed = customFieldSchema.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      })
    : [];
  const mastheadList = await readYaml(path.join(contentDir, 'mastheads.yaml'));
  const mastheads = new Set(Array.isArray(mastheadList) ? mastheadList.flatMap((item) => (item && typeof item === 'object' && 'id' in item ? [String(item.id)] : [])) : []);
  return { licences: [...licences.values()], customFields, mastheads };
}
