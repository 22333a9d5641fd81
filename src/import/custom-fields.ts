// Custom fields as a source's extra keys meet them: each key gets a field id the catalogue accepts,
// and the fields catalogue.yaml does not define yet are collected to be added to it.
import { isPossibleCustomFieldId, type CustomFieldDefinition } from '../catalogue/schema.ts';
import { slugify } from './slug.ts';

export type CustomValue = string | string[];

export class CustomFieldSet {
  private readonly byId = new Map<string, CustomFieldDefinition>();
  private readonly idByKey = new Map<string, string>();
  private readonly added = new Map<string, CustomFieldDefinition>();

  constructor(existing: CustomFieldDefinition[]) {
    for (const field of existing) {
      this.byId.set(field.id, field);
      this.idByKey.set(field.id, field.id);
    }
  }

  /** The field's id for a source key, defining the field when it is new. */
  private fieldFor(key: string, title: string, type: 'text' | 'list'): CustomFieldDefinition {
    const known = this.idByKey.get(key);
    if (known) return this.byId.get(known)!;
    let id = isPossibleCustomFieldId(key) ? key : slugify(key).replace(/-/g, '_');
    if (!isPossibleCustomFieldId(id)) id = `field_${id}`;
    const base = id;
    for (let n = 2; this.byId.has(id) && this.byId.get(id)!.title !== title; n++) id = `${base}_${n}`;
    const field = this.byId.get(id) ?? { id, title, type };
    if (!this.byId.has(id)) {
      this.byId.set(id, field);
      this.added.set(id, field);
    }
    this.idByKey.set(key, id);
    return field;
  }

  /** The field id and the value in the field's type (a list for a list field, text otherwise). */
  value(key: string, title: string, value: CustomValue): [string, CustomValue] {
    const field = this.fieldFor(key, title, Array.isArray(value) ? 'list' : 'text');
    if (field.type === 'list') return [field.id, Array.isArray(value) ? value : [value]];
    return [field.id, Array.isArray(value) ? value.join('; ') : value];
  }

  definitions(): CustomFieldDefinition[] {
    return [...this.added.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

/** `area_of_interest` → `Area of interest`: a title for a key the source gives no label. */
export function titleOfKey(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}
