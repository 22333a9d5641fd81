// The one schema of what a publisher writes under content/: every input rule that can be
// checked on a single file lives here; rules across files live in resolve.ts.
import { z } from 'zod';

const idPattern = /^[a-z0-9][a-z0-9-]*$/;

// YAML reads `id: 2024` or `title: 1999` as numbers; a publisher means the text.
const scalarAsText = (value: unknown) => (typeof value === 'number' ? String(value) : value);

export const idSchema = z.preprocess(
  scalarAsText,
  z.string().regex(idPattern, { error: 'must be lower-case letters, digits and hyphens, starting with a letter or digit' }),
);

// Licence ids follow the licence world's own spelling (cc-by-4.0, OGL-UK-3.0).
export const licenceIdSchema = z.preprocess(
  scalarAsText,
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'must be letters, digits, dots, hyphens and underscores' }),
);
const text = z.preprocess(scalarAsText, z.string().trim().min(1, { error: 'must not be empty' }));

const httpUrl = z
  .string()
  .trim()
  .refine((value) => isHttpUrl(value), { error: 'must be an absolute http:// or https:// URL' });

export function isHttpUrl(value: string): boolean {
  try {
    const parsed = new URL(value);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

const email = z.string().trim().regex(/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/, { error: 'must be an email address' });

/** A calendar date, YYYY-MM-DD, that exists (YAML may hand us a string or, from a quoted value, a string). */
const isoDate = z.string().refine((value) => isRealDate(value), { error: 'must be a date written YYYY-MM-DD' });

/** A month, YYYY-MM, as DataPress writes time frames. */
const isoMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month written YYYY-MM' });

/** A moment: a date-time with a zone (Z or ±hh:mm). */
const isoDateTime = z
  .string()
  .refine((value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && isRealDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value)), {
    error: 'must be a date-time with a time zone, e.g. 2025-01-21T16:10:03Z',
  });

export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const contactSchema = z.strictObject({
  email: email.optional(),
  title: text,
  url: httpUrl.optional(),
});

export const customFieldSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, { error: 'must start with a letter and hold only letters, digits, _ and -' }),
  title: text,
  type: z.enum(['text', 'list']).default('text'),
  description: z.string().optional(),
});

export const siteSchema = z.strictObject({
  title: text,
  description: z.string().trim().default(''),
  url: httpUrl.transform((value) => (value.endsWith('/') ? value : `${value}/`)),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'must be a language tag such as en or en-GB' }).default('en'),
  publisher: z.strictObject({ name: text, url: httpUrl.optional(), email: email.optional() }),
  contact: contactSchema.optional(),
  licence: licenceIdSchema.optional(),
  editUrl: httpUrl
    .refine((value) => value.includes('{path}'), { error: "must contain {path}, where the file's path inside content/ goes" })
    .optional(),
  customFields: z.array(customFieldSchema).default([]),
});

/** An image is a file inside content/ or an absolute URL. */
const imageRef = z.string().trim().min(1, { error: 'must not be empty' });

export const topicSchema = z.strictObject({ id: idSchema, title: text, description: z.string().trim().optional() });
export const teamSchema = z.strictObject({
  id: idSchema,
  title: text,
  description: z.string().trim().optional(),
  email: email.optional(),
  url: httpUrl.optional(),
  image: imageRef.optional(),
});
export const mastheadSchema = z.strictObject({ id: idSchema, title: text, image: imageRef });
export const licenceSchema = z.strictObject({ id: licenceIdSchema, title: text, url: httpUrl.optional(), open: z.boolean() });

export const topicsFileSchema = z.array(topicSchema);
export const teamsFileSchema = z.array(teamSchema);
export const mastheadsFileSchema = z.array(mastheadSchema);
export const licencesFileSchema = z.array(licenceSchema);

/** One tag or a list of tags; a tag is free text but has no line breaks. */
const tagSchema = z
  .string()
  .trim()
  .min(1, { error: 'a tag must not be empty' })
  .max(100, { error: 'a tag must be at most 100 characters' })
  .refine((value) => !/[\r\n\t]/.test(value), { error: 'a tag must be on one line' });

const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item.transform((value) => [value]), z.array(item)]) as unknown as z.ZodType<z.output<T>[], z.input<T> | z.input<T>[]>;

export const customValueSchema = z.union([z.string(), z.array(z.string())], {
  error: 'a custom value must be text or a list of text',
});

const resourceBase = {
  id: idSchema,
  title: text,
  description: z.string().trim().optional(),
  format: z.string().trim().min(1).max(20).optional(),
  mediaType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/i, { error: 'must be a media type such as text/csv' }).optional(),
  timeFrameFrom: isoMonth.optional(),
  timeFrameTo: isoMonth.optional(),
};

export const resourceSchema = z
  .strictObject({
    ...resourceBase,
    file: z.string().min(1, { error: 'must not be empty' }).optional(),
    url: httpUrl.optional(),
  })
  .superRefine((resource, context) => {
    if (resource.file === undefined && resource.url === undefined) {
      context.addIssue({ code: 'custom', path: ['file'], message: 'a resource needs a file or a url' });
    }
    if (resource.file !== undefined && resource.url !== undefined) {
      context.addIssue({ code: 'custom', path: ['url'], message: 'a resource has a file or a url, not both' });
    }
    const month = /^\d{4}-(0[1-9]|1[0-2])$/;
    if (resource.timeFrameFrom && resource.timeFrameTo && month.test(resource.timeFrameFrom) && month.test(resource.timeFrameTo) && resource.timeFrameFrom > resource.timeFrameTo) {
      context.addIssue({ code: 'custom', path: ['timeFrameTo'], message: `must not be before timeFrameFrom (${resource.timeFrameFrom})` });
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
  dataset: idSchema,
  comment: z.string().optional(),
});

export const datasetSchema = z.strictObject({
  id: idSchema.optional(),
  name: idSchema.optional(),
  title: text,
  team: idSchema,
  masthead: idSchema.optional(),
  tags: oneOrMany(tagSchema).default([]),
  topics: oneOrMany(idSchema).default([]),
  licence: licenceIdSchema.optional(),
  contact: contactSchema.optional(),
  nextReviewDate: isoDate.optional(),
  sharing: z.enum(['public', 'private']).default('public'),
  custom: z.record(z.string(), customValueSchema).default({}),
  createdAt: isoDateTime.optional(),
  updatedAt: isoDateTime.optional(),
  resources: z.array(resourceSchema).default([]),
  links: z.array(linkSchema).default([]),
  relationships: z.array(relationshipSchema).default([]),
});

export type SiteInput = z.output<typeof siteSchema>;
export type CustomFieldDefinition = z.output<typeof customFieldSchema>;
export type Topic = z.output<typeof topicSchema>;
export type TeamInput = z.output<typeof teamSchema>;
export type MastheadInput = z.output<typeof mastheadSchema>;
export type Licence = z.output<typeof licenceSchema>;
export type Contact = z.output<typeof contactSchema>;
export type DatasetInput = z.output<typeof datasetSchema>;
export type ResourceInput = z.output<typeof resourceSchema>;
export type LinkInput = z.output<typeof linkSchema>;
export type RelationshipType = (typeof relationshipTypes)[number];
