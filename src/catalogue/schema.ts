// The one schema of what a publisher writes under content/: every input rule that can be
// checked on a single file lives here; rules across files live in validate.ts and
// resolve-dataset.ts. A field's hint (what to write instead) is registered with it, so that every
// problem with it says what to do; schema-issues.ts turns the schema's issues into problems.
import { z } from 'zod';
import { closest } from './closest.ts';
import { dateProblem, momentProblem, monthProblem, type DateProblem } from './dates.ts';

/** What to write instead, for a value the schema refuses. */
export const fieldHints = z.registry<{ hint: string }>();

/** `schema` with its own hint: a copy, so that a shared building block keeps its own hint. */
function hinted<T extends z.ZodType>(schema: T, hint: string): T {
  const copy = schema.clone();
  fieldHints.add(copy, { hint });
  return copy;
}

/** A check whose problem carries its own message and hint (a date that does not exist, say). */
function checkedBy(problemOf: (value: string) => DateProblem | null) {
  return (value: string, context: z.RefinementCtx<string>) => {
    const problem = problemOf(value);
    if (problem) context.addIssue({ code: 'custom', message: problem.message, params: { hint: problem.hint } });
  };
}

const idPattern = /^[a-z0-9][a-z0-9-]*$/;

// YAML reads `id: 2024` or `title: 1999` as numbers; a publisher means the text.
const scalarAsText = (value: unknown) => (typeof value === 'number' ? String(value) : value);

export const idSchema = hinted(
  z.preprocess(scalarAsText, z.string().regex(idPattern, { error: 'must be lower-case letters, digits and hyphens, starting with a letter or digit' })),
  'Write ids in lower case, with hyphens for spaces, e.g. road-casualties.',
);

// Licence ids follow the licence world's own spelling (cc-by-4.0, OGL-UK-3.0).
export const licenceIdSchema = hinted(
  z.preprocess(scalarAsText, z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'must be letters, digits, dots, hyphens and underscores' })),
  'Use the id of a licence, e.g. ogl-v3 or cc-by-4.0 (built in), or one defined in content/licences.yaml.',
);
const text = z.preprocess(scalarAsText, z.string().trim().min(1, { error: 'must not be empty' }));

const httpUrl = hinted(
  z
    .string()
    .trim()
    .refine((value) => isHttpUrl(value), { error: 'must be an absolute http:// or https:// URL' }),
  'Write the whole address, starting with https:// (or http://).',
);

export function isHttpUrl(value: string): boolean {
  try {
    const parsed = new URL(value);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

const email = hinted(z.string().trim().regex(/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/, { error: 'must be an email address' }), 'Write one email address, e.g. opendata@example.org.');

// Dates are text in YAML 1.2 (core schema), so each is checked here, and a date that is written
// right but does not exist (2026-02-30) is told apart from one written wrong (dates.ts).

/** A calendar date, YYYY-MM-DD, that exists. */
const isoDate = hinted(z.string().superRefine(checkedBy(dateProblem)), 'Write the date as YYYY-MM-DD, e.g. 2026-01-15.');

/** A month, YYYY-MM, as DataPress writes time frames. */
const isoMonth = hinted(z.string().superRefine(checkedBy(monthProblem)), 'Write the month as YYYY-MM, e.g. 2024-01.');

/** A moment: a date-time with a zone (Z or ±hh:mm). */
const isoDateTime = hinted(
  z.string().superRefine(checkedBy(momentProblem)),
  'Write it as YYYY-MM-DDTHH:MM:SSZ, e.g. 2025-01-21T16:10:03Z, or leave the field out to take it from Git.',
);

/**
 * The kinds of publisher DCAT-AP asks an agent's `dct:type` from (the ADMS publisher type
 * vocabulary, http://purl.org/adms/publishertype/…), as a publisher writes them.
 */
export const publisherTypes = [
  'academia-scientific-organisation',
  'company',
  'industry-consortium',
  'local-authority',
  'national-authority',
  'non-governmental-organisation',
  'non-profit-organisation',
  'private-individuals',
  'regional-authority',
  'standardisation-body',
  'supra-national-authority',
] as const;
export type PublisherType = (typeof publisherTypes)[number];

const isPublisherType = (value: string): value is PublisherType => (publisherTypes as readonly string[]).includes(value);

const publisherTypeSchema = hinted(
  z
    .string()
    .trim()
    .superRefine((value, context) => {
      if (isPublisherType(value)) return;
      const suggestion = closest(value, publisherTypes);
      context.addIssue({ code: 'custom', message: `'${value}' is not a kind of publisher DCAT-AP knows${suggestion ? ` (did you mean '${suggestion}'?)` : ''}` });
    })
    .transform((value) => value as PublisherType),
  `Write one of: ${publisherTypes.join(', ')}. A council is local-authority.`,
);

const longitude = hinted(z.number().min(-180).max(180), 'A longitude is in degrees from -180 (west) to 180 (east), e.g. -1.55 for Leeds; longitude comes first.');
const latitude = hinted(z.number().min(-90).max(90), 'A latitude is in degrees from -90 (south) to 90 (north), e.g. 53.80 for Leeds; it comes after the longitude.');

/**
 * A place, for DCAT-AP's dct:spatial: its URI in a gazetteer, which harvesters match on, its name
 * for people, and where it is, for maps (optional): a box and a centre, in degrees of WGS 84,
 * longitude first (as GeoJSON and WKT write them).
 */
export const placeSchema = hinted(
  z
    .strictObject({
      uri: hinted(
        httpUrl,
        "Give the place's address in a gazetteer, e.g. https://sws.geonames.org/2644688/ (Leeds in GeoNames) or http://statistics.data.gov.uk/id/statistical-geography/E08000035 (Leeds by its ONS code).",
      ),
      label: text,
      bbox: hinted(
        z.tuple([longitude, latitude, longitude, latitude]).superRefine(([west, south, east, north], context) => {
          if (west >= east || south >= north) context.addIssue({ code: 'custom', message: `must be [west, south, east, north], with west less than east and south less than north, not [${west}, ${south}, ${east}, ${north}]` });
        }),
        'Write the box around the place as [west, south, east, north] in degrees, longitude before latitude, e.g. [-1.80, 53.70, -1.29, 53.95] for Leeds.',
      ).optional(),
      centroid: hinted(z.tuple([longitude, latitude]), 'Write the centre of the place as [longitude, latitude] in degrees, e.g. [-1.55, 53.80] for Leeds.').optional(),
    })
    .transform((place) => ({ uri: place.uri, label: place.label, bbox: place.bbox ?? null, centroid: place.centroid ?? null })),
  "Write the place as fields on the lines below 'spatial:', indented: '  uri: https://sws.geonames.org/2644688/' and '  label: Leeds' (and bbox: and centroid: for maps).",
);

export const contactSchema = z.strictObject({
  email: email.optional(),
  title: text,
  url: httpUrl.optional(),
});

// A custom field's id becomes a key of every dataset's `custom` values, which pages and exports
// look up by id: an id that every JavaScript object already answers to (`constructor`,
// `toString`) would find a value in a dataset that has none.
const reservedKeys = new Set(Object.getOwnPropertyNames(Object.prototype));

const customFieldIdPattern = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Whether catalogue.yaml could define a custom field with this id. */
export function isPossibleCustomFieldId(value: string): boolean {
  return customFieldIdPattern.test(value) && !reservedKeys.has(value);
}

export const customFieldSchema = z.strictObject({
  id: hinted(
    z
      .string()
      .regex(customFieldIdPattern, { error: 'must start with a letter and hold only letters, digits, _ and -' })
      .superRefine((value, context) => {
        if (reservedKeys.has(value)) {
          context.addIssue({ code: 'custom', message: `'${value}' is a reserved name and cannot be a custom field's id`, params: { hint: `Choose another id, e.g. ${value}Name.` } });
        }
      }),
    'Write a custom field id as a word, e.g. unit or geography.',
  ),
  title: text,
  type: z.enum(['text', 'list']).default('text'),
  description: z.string().optional(),
});

export const siteSchema = hinted(
  z.strictObject({
    title: text,
    description: z.string().trim().default(''),
    url: httpUrl.transform((value) => (value.endsWith('/') ? value : `${value}/`)),
    language: hinted(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'must be a language tag such as en or en-GB' }), 'Write the language code of the site, e.g. en, en-GB or cy.').default('en'),
    publisher: z.strictObject({ name: text, url: httpUrl.optional(), email: email.optional(), type: publisherTypeSchema.optional() }),
    spatial: placeSchema.optional(),
    contact: contactSchema.optional(),
    licence: licenceIdSchema.optional(),
    editUrl: hinted(
      httpUrl.refine((value) => value.includes('{path}'), { error: "must contain {path}, where the file's path inside content/ goes" }),
      "Copy the address of one file's edit page in your Git host and put {path} where the path after content/ goes, e.g. https://github.com/council/data/edit/main/content/{path}.",
    ).optional(),
    customFields: z.array(customFieldSchema).default([]),
  }),
  "catalogue.yaml holds the site's settings, one per line: title:, url:, publisher: and so on (see content/README.md).",
);

/** An image is a file inside content/ or an absolute URL. */
const imageRef = hinted(z.string().trim().min(1), 'Give a path inside content/ (e.g. mastheads/river.svg) or an https:// URL.');

export const topicSchema = z.strictObject({ id: idSchema, title: text, description: z.string().trim().optional() });
export const teamSchema = z.strictObject({
  id: idSchema,
  title: text,
  description: z.string().trim().optional(),
  email: email.optional(),
  url: httpUrl.optional(),
  image: imageRef.optional(),
  type: publisherTypeSchema.optional(),
});
export const mastheadSchema = z.strictObject({ id: idSchema, title: text, image: imageRef });
export const licenceSchema = z.strictObject({
  id: licenceIdSchema,
  title: text,
  url: httpUrl.optional(),
  open: hinted(z.boolean(), 'Write open: true for an open licence, open: false for any other.'),
});

const listFile = <T extends z.ZodType>(item: T, what: string, example: string) =>
  hinted(z.array(item), `This file is a list of ${what}: each starts with '- id: …' on its own line, e.g. ${example}.`);
export const topicsFileSchema = listFile(topicSchema, 'topics', "'- id: transport' and '  title: Transport' below it");
export const teamsFileSchema = listFile(teamSchema, 'teams', "'- id: highways' and '  title: Highways' below it");
export const mastheadsFileSchema = listFile(mastheadSchema, 'mastheads', "'- id: river', '  title: River' and '  image: mastheads/river.svg'");
export const licencesFileSchema = listFile(licenceSchema, 'licences', "'- id: ogl-v3', '  title: Open Government Licence' and '  open: true'");

/** One tag or a list of tags; a tag is free text but has no line breaks. */
const tagSchema = hinted(
  z
    .string()
    .trim()
    .min(1)
    .max(100)
    .refine((value) => !/[\r\n\t]/.test(value), { error: 'a tag must be on one line' }),
  'A tag is a short subject on one line, e.g. "Air Quality"; longer text goes in the description.',
);

const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item.transform((value) => [value]), z.array(item)]) as unknown as z.ZodType<z.output<T>[], z.input<T> | z.input<T>[]>;

export const customValueSchema = hinted(z.union([z.string(), z.array(z.string())]), 'A custom value is text, or a list of text: unit: Assurance, or geography: [London, Barnet].');

const isFields = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Custom values by field id, every key kept as written. A Map, not a record: zod's record drops a
 * `__proto__` key without a word, and it must be reported as a field the catalogue does not define.
 */
const customValues = hinted(
  z.preprocess((value) => (isFields(value) ? new Map(Object.entries(value as object)) : value), z.map(z.string(), customValueSchema)),
  "Write the custom fields below 'custom:', one per line and indented, e.g. '  unit: Assurance'.",
).default(() => new Map());

/**
 * The id a dataset or file had in a CKAN portal it came from (a UUID): the CKAN API answers with it
 * instead of the UUID it would derive, so old API ids and links keep working after a move.
 */
const ckanIdSchema = hinted(
  z
    .string()
    .trim()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: 'must be a UUID such as 3c9f5a2e-1b7d-4e8a-9f60-2d4c8b1e7a53' })
    .transform((value) => value.toLowerCase()),
  "Copy the id the old CKAN portal gave it (package_show's id, 36 characters), or leave ckanId out: the API then makes one from the id.",
);

const resourceBase = {
  id: idSchema,
  ckanId: ckanIdSchema.optional(),
  title: text,
  description: z.string().trim().optional(),
  format: hinted(z.string().trim().min(1).max(20), 'The format is the file type in a word, e.g. CSV or XLSX; leave it out to take it from the file name.').optional(),
  mediaType: hinted(
    z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/i, { error: 'must be a media type such as text/csv' }),
    'Write a media type such as text/csv, or leave it out to take it from the format.',
  ).optional(),
  timeFrameFrom: isoMonth.optional(),
  timeFrameTo: isoMonth.optional(),
};

/** What a publisher says of one column of a local table: the file gives its type and values. */
export const columnDescriptionSchema = z.strictObject({
  name: hinted(z.preprocess(scalarAsText, z.string().min(1)), "Give the column's name exactly as the file's header row writes it."),
  description: z.string().trim().optional(),
  unit: hinted(z.preprocess(scalarAsText, z.string().trim().min(1).max(60)), 'A unit is short, e.g. GBP, tonnes, people per km²; leave it out when there is none.').optional(),
});

export const resourceSchema = z
  .strictObject({
    ...resourceBase,
    file: hinted(z.string().min(1), "Give the file's path from the dataset file's folder, e.g. data.csv.").optional(),
    url: httpUrl.optional(),
    columns: z.array(columnDescriptionSchema).default([]),
  })
  .superRefine((resource, context) => {
    if (resource.file === undefined && resource.url === undefined) {
      context.addIssue({ code: 'custom', path: ['file'], message: 'a resource needs a file or a url', params: { hint: 'Give file: (a file beside the dataset file) or url: (a file published elsewhere).' } });
    }
    if (resource.file !== undefined && resource.url !== undefined) {
      context.addIssue({ code: 'custom', path: ['url'], message: 'a resource has a file or a url, not both', params: { hint: 'Keep file: for a file published with the site, or url: for a file published elsewhere, and remove the other.' } });
    }
    const { timeFrameFrom: from, timeFrameTo: to } = resource;
    if (from && to && !monthProblem(from) && !monthProblem(to) && from > to) {
      context.addIssue({ code: 'custom', path: ['timeFrameTo'], message: `must not be before timeFrameFrom (${from})`, params: { hint: 'Swap timeFrameFrom and timeFrameTo, or correct one of them.' } });
    }
  });

export const linkSchema = z.strictObject({
  id: idSchema,
  title: text,
  url: httpUrl,
  description: z.string().trim().optional(),
});

export const relationshipTypes = [
  'depends_on',
  'dependency_of',
  'derives_from',
  'has_derivation',
  'child_of',
  'parent_of',
  'links_to',
  'linked_from',
] as const;

export const relationshipSchema = z.strictObject({
  type: z.enum(relationshipTypes),
  dataset: hinted(idSchema, "Give the other dataset's id: its file or folder name in content/datasets/."),
  comment: z.string().optional(),
});

export const datasetSchema = hinted(
  z.strictObject({
    id: hinted(idSchema, "Leave the id out (the file's name is the id), or write the file's name without .md.").optional(),
    name: hinted(idSchema, 'A CKAN name is lower case with hyphens, e.g. foi-requests; leave it out to use the id.').optional(),
    ckanId: ckanIdSchema.optional(),
    title: text,
    team: hinted(idSchema, 'Give the id of a team in content/teams.yaml (e.g. highways), not its title.'),
    masthead: hinted(idSchema, 'Give the id of a masthead in content/mastheads.yaml.').optional(),
    tags: oneOrMany(tagSchema).default([]),
    topics: oneOrMany(hinted(idSchema, 'Give the ids of topics in content/topics.yaml (e.g. transport), not their titles.')).default([]),
    licence: licenceIdSchema.optional(),
    contact: contactSchema.optional(),
    nextReviewDate: isoDate.optional(),
    spatial: placeSchema.optional(),
    sharing: hinted(z.enum(['public', 'private']), 'Write sharing: public, or sharing: private to keep the dataset out of the published site.').default('public'),
    custom: customValues,
    createdAt: isoDateTime.optional(),
    updatedAt: isoDateTime.optional(),
    resources: z.array(resourceSchema).default([]),
    links: z.array(linkSchema).default([]),
    relationships: z.array(relationshipSchema).default([]),
  }),
  "The front matter holds the dataset's fields, one per line, e.g. title: Road Casualties; `datashelf new` writes a complete one.",
);

export type SiteInput = z.output<typeof siteSchema>;
export type CustomFieldDefinition = z.output<typeof customFieldSchema>;
export type Topic = z.output<typeof topicSchema>;
export type TeamInput = z.output<typeof teamSchema>;
export type MastheadInput = z.output<typeof mastheadSchema>;
export type Licence = z.output<typeof licenceSchema>;
export type Contact = z.output<typeof contactSchema>;
export type Place = z.output<typeof placeSchema>;
export type DatasetInput = z.output<typeof datasetSchema>;
export type ResourceInput = z.output<typeof resourceSchema>;
export type ColumnDescriptionInput = z.output<typeof columnDescriptionSchema>;
export type LinkInput = z.output<typeof linkSchema>;
export type RelationshipType = (typeof relationshipTypes)[number];
