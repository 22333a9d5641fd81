// A node's Turtle statement as n3's Writer writes it, from plain pairs (dataset-pairs.ts): its
// escaping, its prefix matcher and local names, its literal abbreviations, copied from N3Writer.js
// (held to n3 by test/outputs/dcat-dataset-text.test.ts through the graph's serialisation).
import { flat } from '../flat-string.ts';
import { iriBits } from './serialise.ts';
import { prefixes } from './namespaces.ts';
import { turtleRelative } from './relative.ts';
import { type, xsd, xsdString, type Literal, type Pair } from './dataset-pairs.ts';

// n3's Writer (N3Writer.js): the characters it escapes, how, its prefix matcher and local names.
const escape = /["\\\t\n\r\b\f\u0000-\u0019\ud800-\udbff]/;
const escapeAll = /["\\\t\n\r\b\f\u0000-\u0019]|[\ud800-\udbff][\udc00-\udfff]/g;
const escapedCharacters: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\b': '\\b', '\f': '\\f' };
function characterReplacer(character: string): string {
  let result = escapedCharacters[character];
  if (result === undefined) {
    if (character.length === 1) {
      result = character.charCodeAt(0).toString(16);
      result = '\\u0000'.substr(0, 6 - result.length) + result;
    } else {
      result = ((character.charCodeAt(0) - 0xd800) * 0x400 + character.charCodeAt(1) + 0x2400).toString(16);
      result = '\\U00000000'.substr(0, 10 - result.length) + result;
    }
  }
  return result;
}
const localNameStart = 'A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD_:0-9';
const localNameChar = `${localNameStart}\\-\\u00B7\\u0300-\\u036F\\u203F\\u2040`;
const percent = '%[0-9A-Fa-f]{2}';
const n3LocalName = new RegExp(`^(?:(?:[${localNameStart}]|${percent})(?:(?:[${localNameChar}.]|${percent})*(?:[${localNameChar}]|${percent}))?)?$`);
const escapeRegex = (value: string) => value.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const prefixEntries = Object.entries(prefixes);
const prefixRegex = new RegExp(
  `^(${prefixEntries.map(([, namespace]) => escapeRegex(namespace)).join('|')})([_a-zA-Z0-9](?:\\.?[\\-_a-zA-Z0-9])*)$|^(?:${prefixEntries.map(([prefix]) => escapeRegex(`${prefix}:`)).join('|')})`,
);
const prefixNames = new Map<string, string>(prefixEntries.map(([prefix, namespace]) => [namespace, `${prefix}:`]));

/** Thrown where this module would not write what n3 writes (an IRI that needs escaping): the output then serialises the dataset's graph. */
export class Declined extends Error {}

/** An IRI as n3's Writer with `base` as its baseIRI and every prefix writes it (`_encodeIriOrBlank`). */
function turtleIri(iri: string, base: string, root: string): string {
  // Not under the site's root: the same whatever the base (a vocabulary's, a licence's), so kept.
  const external = !iri.startsWith(root);
  if (external) {
    const known = externalIris.get(iri);
    if (known !== undefined) return known;
  }
  const relative = external ? iri : turtleRelative(iri, base);
  if (escape.test(relative)) throw new Declined();
  // No colon: neither a namespace's IRI nor a prefixed name's look (most of the site's relative IRIs).
  if (!external && !relative.includes(':')) return `<${relative}>`;
  const match = prefixRegex.exec(relative);
  let written: string;
  if (!match) written = `<${relative}>`;
  else if (match[1]) written = prefixNames.get(match[1])! + match[2];
  else written = n3LocalName.test(relative.slice(match[0].length)) ? relative : `<${relative}>`;
  if (external) {
    if (externalIris.size >= 10_000) externalIris.clear();
    externalIris.set(iri, written);
  }
  return written;
}

const externalIris = new Map<string, string>();

/** A literal as n3's Writer writes it in Turtle (`_encodeLiteral`). */
function turtleLiteral(literal: Literal, base: string, root: string): string {
  let value = literal.value;
  if (escape.test(value)) value = value.replace(escapeAll, characterReplacer);
  if (literal.language) return `"${value}"@${literal.language}`;
  switch (literal.datatype) {
    case '':
    case xsdString:
      return `"${value}"`;
    case xsd('boolean'):
      if (value === 'true' || value === 'false') return value;
      break;
    case xsd('integer'):
      if (/^[+-]?\d+$/.test(value)) return value;
      break;
    case xsd('decimal'):
      if (/^[+-]?\d*\.\d+$/.test(value)) return value;
      break;
    case xsd('double'):
      if (/^[+-]?(?:\d+\.\d*|\.?\d+)[eE][+-]?\d+$/.test(value)) return value;
      break;
  }
  return `"${value}"^^${turtleIri(literal.datatype, base, root)}`;
}

/** A node's statement as n3's Writer writes it (serialise.ts NodeWriter): without the `.\n` that ends it. */
export function turtleStatement(subject: string, pairs: readonly Pair[], base: string, root: string): string {
  let statement = turtleIri(subject, base, root);
  let last: string | null = null;
  for (const pair of pairs) {
    const value = typeof pair.value === 'string' ? turtleIri(pair.value, base, root) : turtleLiteral(pair.value, base, root);
    if (pair.predicate === last) statement += `, ${value}`;
    else {
      statement += `${last === null ? ' ' : ';\n    '}${pair.predicate === type ? 'a' : turtleIri(pair.predicate, base, root)} ${value}`;
      last = pair.predicate;
    }
  }
  return statement;
}

/**
 * The node's statement relative to the site (its catalogue page) and to its dataset's folder `own`
 * (its own files) at once: turtleStatement's two, each pair read once. A literal, a property and an
 * IRI outside the site's root read the same from any base, so each is written once for both; only
 * the site's IRIs are made relative twice. A dataset's own nodes were written twice over, a
 * twentieth of the DCAT-AP thread (docs/performance.md, section `dcat-cpu2`).
 */
export function turtleStatements(subject: string, pairs: readonly Pair[], siteUrl: string, own: string, root: string): [page: string, file: string] {
  let page = turtleIri(subject, siteUrl, root);
  let file = turtleIri(subject, own, root);
  let last: string | null = null;
  for (const pair of pairs) {
    const value = pair.value;
    let pageValue: string;
    let fileValue: string;
    if (typeof value === 'string') {
      pageValue = turtleIri(value, siteUrl, root);
      fileValue = value.startsWith(root) ? turtleIri(value, own, root) : pageValue;
    } else {
      pageValue = turtleLiteral(value, siteUrl, root);
      // Only a datatype under the site's root (never made here) would read otherwise from the folder.
      fileValue = value.datatype.startsWith(root) ? turtleLiteral(value, own, root) : pageValue;
    }
    if (pair.predicate === last) {
      page += `, ${pageValue}`;
      file += `, ${fileValue}`;
      continue;
    }
    const separator = last === null ? ' ' : ';\n    ';
    last = pair.predicate;
    if (pair.predicate === type) {
      page += `${separator}a ${pageValue}`;
      file += `${separator}a ${fileValue}`;
    } else if (pair.predicate.startsWith(root)) {
      page += `${separator}${turtleIri(pair.predicate, siteUrl, root)} ${pageValue}`;
      file += `${separator}${turtleIri(pair.predicate, own, root)} ${fileValue}`;
    } else {
      const predicate = `${separator}${turtleIri(pair.predicate, siteUrl, root)} `;
      page += `${predicate}${pageValue}`;
      file += `${predicate}${fileValue}`;
    }
  }
  // The page's statement is kept until its page is written (a thousand datasets later); the file's is joined at once.
  return [flat(page), file];
}

/** The prefixes n3 may write the node's names with (serialise.ts turtlePrefixBits). */
export function turtleBits(subject: string, pairs: readonly Pair[], siteUrl: string): number {
  let bits = iriBits(subject, siteUrl);
  for (const pair of pairs) {
    if (pair.predicate !== type) bits |= iriBits(pair.predicate, siteUrl);
    const value = pair.value;
    if (typeof value === 'string') bits |= iriBits(value, siteUrl);
    else if (!value.language && value.datatype && value.datatype !== xsdString) bits |= iriBits(value.datatype, siteUrl);
  }
  return bits;
}
