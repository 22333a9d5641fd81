// CKAN's validators for action parameters (`ckan/logic/validators.py`, `ckan/lib/navl/`,
// `ckan/common.py asbool`), over the values a request carries: strings from a query string or a
// form, any JSON value from a JSON body. Each throws CKAN's message for the one parameter; the
// action names the parameter (`validated`).
import { invalidFields } from './errors.ts';

/** An action's parameters: `name → value` as CKAN's `_get_request_data` makes them (a repeated query parameter is a list). */
export type Params = Record<string, unknown>;

/** A value a validator refuses, with CKAN's message. */
export class InvalidValue extends Error {}

/** Missing, as CKAN's `ignore_missing` sees it. */
export const isMissing = (value: unknown) => value === undefined || value === null;

/**
 * `int_validator`: a whole number, or a string Python's `int()` reads (sign, digits, `_` between
 * digits, spaces around); null for a blank string.
 */
export function intValue(value: unknown): number | null {
  if (isMissing(value)) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return value;
    throw new InvalidValue('Invalid integer');
  }
  if (typeof value === 'string') {
    if (value.trim() === '') return null;
    if (/^\s*[+-]?\d+(_\d+)*\s*$/.test(value)) return Number.parseInt(value.replace(/_/g, ''), 10);
  }
  throw new InvalidValue('Invalid integer');
}

/** `natural_number_validator`: a whole number, not negative. */
export function naturalNumber(value: unknown): number | null {
  const number = intValue(value);
  if (number !== null && number < 0) throw new InvalidValue('Must be a natural number');
  return number;
}

/** `is_positive_integer`. */
export function positiveInteger(value: unknown): number | null {
  const number = intValue(value);
  if (number !== null && number < 1) throw new InvalidValue('Must be a positive integer');
  return number;
}

const truthy = new Set(['true', 'yes', 'on', 'y', 't', '1']);
const falsy = new Set(['false', 'no', 'off', 'n', 'f', '0']);

/** `asbool`: the words CKAN knows; any other string is refused; other values by Python's truth. */
export function asBool(value: unknown, missing = false): boolean {
  if (value === undefined) return missing;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (truthy.has(word)) return true;
    if (falsy.has(word)) return false;
    throw new InvalidValue(`String is not true/false: ${word}`);
  }
  if (Array.isArray(value)) return value.length > 0;
  if (value && typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}

/** `unicode_safe`: text; a number as Python would print it. A list (a parameter given twice) is refused. */
export function textValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new InvalidValue('Must be a string');
}

/** `convert_to_json_if_string` then `list_of_strings` (`facet.field=["tags"]`). */
export function jsonListOfStrings(value: unknown): string[] {
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      throw new InvalidValue('Could not parse as valid JSON');
    }
  }
  if (!Array.isArray(list)) throw new InvalidValue('Not a list');
  for (const item of list) if (typeof item !== 'string') throw new InvalidValue(`Not a string: ${JSON.stringify(item)}`);
  return list as string[];
}

/** `convert_to_list_if_string`, then each item text. */
export function listOfText(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map(textValue);
}

/** `aslist(value, sep=',')`: a list, or a string split on commas. */
export function commaList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(textValue);
  return textValue(value)
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** One parameter through its validator, or CKAN's `Validation Error` naming it. */
export function validated<T>(params: Params, name: string, validator: (value: unknown) => T): T {
  try {
    return validator(params[name]);
  } catch (error) {
    if (error instanceof InvalidValue) throw invalidFields({ [name]: [error.message] });
    throw error;
  }
}
