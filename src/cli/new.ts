// `datashelf new`: writes a new dataset file with every field, valid as written.
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { newDatasetFile, type NewDataset } from '../catalogue/new-dataset.ts';
import { validateCatalogue } from '../catalogue/validate.ts';
import { schemaDir } from '../outputs/content-schemas.ts';
import { schemaFileName } from '../schema/json-schema.ts';
import { say, type CliContext } from './context.ts';
import { parseOptions, UsageError } from './options.ts';

const help = `Usage: datashelf new [--content DIR] --id ID --title TEXT --team ID [--topic ID]… [--tag TEXT]… [--folder] [--private]

Writes content/datasets/ID.md (or ID/index.md with --folder, for a dataset with its own files)
with every field filled in or commented, and checks it. Asks for what is missing when run in a terminal.`;

export async function runNew(args: string[], context: CliContext): Promise<number> {
  const { values } = parseOptions(args, {
    content: { type: 'string', default: 'content' },
    id: { type: 'string' },
    title: { type: 'string' },
    team: { type: 'string' },
    topic: { type: 'string', multiple: true },
    tag: { type: 'string', multiple: true },
    licence: { type: 'string' },
    folder: { type: 'boolean', default: false },
    private: { type: 'boolean', default: false },
  });
  if (values.help) {
    say(context.stdout, help);
    return 0;
  }
  const contentDir = path.resolve(context.cwd, String(values.content));
  // The catalogue as it is (validated, not built): the new file's references are checked against it.
  const { catalogue } = await validateCatalogue({ contentDir });
  const ask = context.stdin?.isTTY ? createInterface({ input: context.stdin, output: context.stdout as NodeJS.WritableStream }) : null;
  const need = async (value: string | undefined, question: string, choices?: string[]): Promise<string> => {
    if (value) return value;
    if (!ask) throw new UsageError(`${question} is needed: give it as an option.`);
    const answer = (await ask.question(`${question}${choices ? ` (${choices.join(', ')})` : ''}: `)).trim();
    if (!answer) throw new UsageError(`${question} is needed.`);
    return answer;
  };
  try {
    const title = await need(values.title as string | undefined, 'Title');
    const suggestedId = title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
    const dataset: NewDataset = {
      id: (values.id as string | undefined) ?? (ask ? (await ask.question(`Id [${suggestedId}]: `)).trim() || suggestedId : suggestedId),
      title,
      team: await need(values.team as string | undefined, 'Team id', catalogue.teams.map((team) => team.id)),
      topics: (values.topic as string[] | undefined) ?? (ask ? (await need(undefined, 'Topic ids, comma-separated', catalogue.topics.map((topic) => topic.id))).split(',').map((topic) => topic.trim()).filter(Boolean) : []),
      tags: (values.tag as string[] | undefined) ?? [],
      licence: (values.licence as string | undefined) ?? catalogue.site.defaultLicence?.id ?? null,
      sharing: values.private ? 'private' : 'public',
      customFields: catalogue.site.customFields,
      contact: catalogue.site.contact,
      schemaUrl: `${catalogue.site.url}${schemaDir}/${schemaFileName('dataset')}`,
    };
    if (!/^[a-z0-9][a-z0-9-]*$/.test(dataset.id)) throw new UsageError(`'${dataset.id}' is not a valid id: use lower-case letters, digits and hyphens.`);
    const datasetsDir = path.join(contentDir, 'datasets');
    const target = values.folder ? path.join(datasetsDir, dataset.id, 'index.md') : path.join(datasetsDir, `${dataset.id}.md`);
    const taken = (await stat(path.join(datasetsDir, `${dataset.id}.md`)).catch(() => null)) ?? (await stat(path.join(datasetsDir, dataset.id)).catch(() => null));
    if (taken) throw new UsageError(`A dataset '${dataset.id}' already exists in ${path.relative(context.cwd, datasetsDir)}.`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, newDatasetFile(dataset));
    try {
      await validateCatalogue({ contentDir });
    } catch (error) {
      // Leave nothing half-made behind: a file that does not check is removed again.
      await rm(values.folder ? path.dirname(target) : target, { recursive: true, force: true });
      throw error;
    }
    say(context.stdout, `Wrote ${path.relative(context.cwd, target)}. Fill in the description and resources, then run 'datashelf check'.`);
    return 0;
  } finally {
    ask?.close();
  }
}
