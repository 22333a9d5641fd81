// A DataPress full-site export (export.json, the documented shape) as content. The export gives a
// description as HTML: it becomes Markdown when the Markdown renders back to the very same HTML,
// block by block, and stays HTML (which Markdown allows) where it would not, so nothing is lost or changed.
import { readFile } from 'node:fs/promises';
import { renderMarkdown } from '../catalogue/markdown.ts';
import { UserError } from '../util/user-error.ts';
import { CustomFieldSet, titleOfKey, type CustomValue } from './custom-fields.ts';
import type { ExistingContent } from './existing.ts';
import { asList, cleanTags, cleanText, compact, isEmail, isHttpUrl, schemaProblem } from './fields.ts';
import type { ImportedCatalogue, ImportedDataset, ImportedTeam, ImportedTopic, ImportNote } from './imported.ts';
import { LicenceMap } from './licences.ts';
import { isContentId, slugify } from './slug.ts';

type Dict = Record<string, unknown>;
const isDict = (value: unknown): value is Dict => value !== null && typeof value === 'object' && !Array.isArray(value);

async function readExport(source: string): Promise<unknown> {
  let text: string;
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source, { signal: AbortSignal.timeout(60_000) }).catch((error: Error) => {
      throw new UserError(`${source}: cannot be fetched (${(error.cause as { code?: string } | undefined)?.code ?? error.message}); check the address, or save the file and give its path.`);
    });
    if (!response.ok) throw new UserError(`${source}: the server answered HTTP ${response.status}; check the address (it ends in /api/datasets/export.json).`);
    text = await response.text();
  } else {
    text = await readFile(source, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new UserError(`${source}: cannot be read (${error.code ?? 'error'}); give the path of a DataPress export.json.`);
    });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const line = position ? text.slice(0, Number(position)).split('\n').length : 1;
    throw new UserError(`${source}:${line}: is not valid JSON (${(error as Error).message.split('\n')[0]}); give an export.json as DataPress writes it.`);
  }
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&nbsp;': '\u00a0' };
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|nbsp|#39|#x27);/g, (entity) => entities[entity]!);

/** Simple HTML (paragraphs, headings, lists, tables, links, emphasis) as Markdown; other markup is left for the check below to refuse. */
function simpleMarkdown(html: string): string {
  const inline = (text: string) =>
    decode(
      text
        .replace(/<a href="([^"]*)"(?: rel="[^"]*")?>([^<]*)<\/a>/g, (_all, href: string, label: string) => `[${label}](${href})`)
        .replace(/<strong>([^<]*)<\/strong>/g, '**$1**')
        .replace(/<em>([^<]*)<\/em>/g, '*$1*')
        .replace(/<code>([^<`]*)<\/code>/g, '`$1`')
        .replace(/<br \/?>\n?/g, '  \n'),
    );
  const cells = (row: string) => [...row.matchAll(/<t[hd](?: [^>]*)?>([\s\S]*?)<\/t[hd]>/g)].map((cell) => inline(cell[1]!).replace(/\|/g, '\\|'));
  const tableRow = (values: string[]) => `| ${values.join(' | ')} |`;
  return html
    .replace(/<h([2-6])>([\s\S]*?)<\/h\1>/g, (_all, level: string, text: string) => `${'#'.repeat(Number(level))} ${inline(text)}\n\n`)
    .replace(/<p>([\s\S]*?)<\/p>/g, (_all, text: string) => `${inline(text)}\n\n`)
    .replace(/<ul>\n?([\s\S]*?)<\/ul>/g, (_all, items: string) => `${items.replace(/<li>([\s\S]*?)<\/li>\n?/g, (_item, text: string) => `- ${inline(text)}\n`)}\n`)
    .replace(/<table>\n<thead>\n<tr>\n([\s\S]*?)<\/tr>\n<\/thead>\n<tbody>\n([\s\S]*?)<\/tbody>\n<\/table>/g, (_all, head: string, body: string) => {
      const header = cells(head);
      const rows = body.split('</tr>').filter((row) => row.includes('<t')).map(cells);
      return `${[tableRow(header), tableRow(header.map(() => '---')), ...rows.map(tableRow)].join('\n')}\n\n`;
    })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// Where a top-level block of rendered HTML starts: each on its own line, as the renderer writes them.
const blockStart = /\n(?=<(?:p|h[2-6]|ul|ol|table|pre|blockquote|dl)>|<hr ?\/?>)/;

/**
 * The description as a Markdown body that renders to exactly the HTML the export holds: Markdown
 * where it renders the same, block by block, and the HTML itself (which Markdown allows) where not.
 */
export function descriptionBody(html: string): string {
  const trimmed = html.trim();
  if (trimmed === '') return '';
  const whole = simpleMarkdown(trimmed);
  if (renderMarkdown(whole) === trimmed) return whole;
  const blocks = trimmed.split(blockStart).map((block) => {
    const markdown = simpleMarkdown(block);
    return renderMarkdown(markdown) === block.trim() ? markdown : block.trim();
  });
  const mixed = blocks.join('\n\n');
  return renderMarkdown(mixed) === trimmed ? mixed : trimmed;
}

export async function importDatapress(source: string, existing: ExistingContent): Promise<ImportedCatalogue> {
  const data = await readExport(source);
  if (!Array.isArray(data)) throw new UserError(`${source}:1: is not a DataPress export (a list of datasets); give /api/datasets/export.json as DataPress writes it.`);
  const notes: ImportNote[] = [];
  const licences = new LicenceMap(existing.licences);
  const customFields = new CustomFieldSet(existing.customFields);
  const teams = new Map<string, ImportedTeam>();
  const topics = new Map<string, ImportedTopic>();
  const datasets: ImportedDataset[] = [];
  let siteUrl: string | undefined;
  const seen = new Set<string>();
  data.forEach((item, index) => {
    const where = `[${index}]`;
    const note = (severity: ImportNote['severity'], message: string) => notes.push({ severity, source, line: null, message: `${where}: ${message}` });
    if (!isDict(item)) return note('skipped', 'is not a dataset object');
    const rawId = cleanText(item.id);
    const id = rawId && isContentId(rawId) ? rawId : slugify(rawId ?? cleanText(item.title) ?? '');
    if (!id || seen.has(id)) return note('skipped', id ? `the id '${id}' is used twice` : 'has no id');
    seen.add(id);
    if (rawId !== id) note('changed', `the id '${rawId}' is not a valid id: the dataset's id is '${id}'`);
    const webpage = cleanText(item.webpage);
    if (!siteUrl && webpage && isHttpUrl(webpage)) siteUrl = webpage.replace(new RegExp(`dataset/${rawId}/?$`), '');

    const team = isDict(item.team) ? item.team : {};
    const teamId = slugify(cleanText(team.id) ?? cleanText(team.title) ?? '') || 'no-team';
    if (!teams.has(teamId)) teams.set(teamId, { id: teamId, title: cleanText(team.title) ?? teamId });
    const topicIds = asList(item.topics).flatMap((topic) => {
      if (!isDict(topic)) return [];
      const topicId = slugify(cleanText(topic.id) ?? cleanText(topic.title) ?? '');
      if (!topicId) return [];
      if (!topics.has(topicId)) topics.set(topicId, { id: topicId, title: cleanText(topic.title) ?? topicId });
      return [topicId];
    });
    const masthead = isDict(item.masthead) ? cleanText(item.masthead.id) : null;
    if (masthead && !existing.mastheads.has(masthead)) note('changed', `masthead '${masthead}' is not in content/mastheads.yaml (the export has no image for it): left out`);
    const licence = isDict(item.licence) ? licences.resolve({ title: cleanText(item.licence.title), url: cleanText(item.licence.url) }) : null;
    const contactEmail = isDict(item.contact) ? cleanText(item.contact.email) : null;
    const contact = isDict(item.contact) && cleanText(item.contact.title) ? compact({ title: cleanText(item.contact.title), email: contactEmail && isEmail(contactEmail) ? contactEmail : null }) : undefined;
    const custom: Record<string, CustomValue> = {};
    if (isDict(item.custom)) {
      for (const key of Object.keys(item.custom).sort()) {
        const raw = item.custom[key];
        const value = Array.isArray(raw) ? raw.map(cleanText).filter((text): text is string => text !== null) : cleanText(raw);
        if (value === null || (Array.isArray(value) && value.length === 0)) continue;
        const [fieldId, fieldValue] = customFields.value(key, titleOfKey(key), value);
        custom[fieldId] = fieldValue;
      }
    }
    const resources = asList(item.resources).flatMap((resource, position) => {
      if (!isDict(resource)) return [];
      const url = cleanText(resource.url);
      if (!url || !isHttpUrl(url)) {
        note('changed', `resources[${position}] has no http(s) url: left out`);
        return [];
      }
      return [compact({ id: cleanText(resource.id), title: cleanText(resource.title) ?? cleanText(resource.filename) ?? `Resource ${position + 1}`, url, description: cleanText(resource.description), timeFrameFrom: cleanText(resource.timeFrameFrom), timeFrameTo: cleanText(resource.timeFrameTo) })];
    });
    const links = asList(item.links).flatMap((link) => (isDict(link) && cleanText(link.url) ? [compact({ id: cleanText(link.id), title: cleanText(link.title) ?? cleanText(link.url), url: cleanText(link.url), description: cleanText(link.description) })] : []));
    const fields = compact({
      id,
      title: cleanText(item.title) ?? id,
      team: teamId,
      masthead: masthead && existing.mastheads.has(masthead) ? masthead : undefined,
      tags: cleanTags(asList(item.tags)).tags,
      topics: [...new Set(topicIds)],
      licence,
      contact,
      nextReviewDate: cleanText(item.nextReviewDate),
      sharing: item.sharing === 'private' ? 'private' : undefined,
      custom,
      createdAt: cleanText(item.createdAt),
      updatedAt: cleanText(item.updatedAt),
      resources,
      links,
    });
    const problem = schemaProblem(fields);
    if (problem) return note('skipped', `'${id}': ${problem}`);
    datasets.push({ id, fields, body: descriptionBody(typeof item.description === 'string' ? item.description : '') });
  });
  const host = siteUrl ? new URL(siteUrl).hostname : 'DataPress export';
  return { site: { title: host, url: siteUrl, publisher: host }, teams: [...teams.values()], topics: [...topics.values()], licences: licences.definitions(), customFields: customFields.definitions(), datasets, notes };
}
