// The catalogue diff as Markdown for a pull request's job summary: counts first, one table row per
// dataset, then each dataset's field changes and what each public output says differently.
import type { CatalogueDiff, DatasetChange, OutputEffect } from './compare.ts';
import type { Json } from './read-build.ts';

/** Datasets shown in detail; a larger diff lists the rest in the table only (all are in --json). */
const detailLimit = 100;
/** File paths listed per area and kind of change. */
const fileListLimit = 20;

const outputLabels: Record<OutputEffect['output'], string> = {
  'export.json': 'export.json row',
  package_show: 'CKAN package_show',
  dcat: 'DCAT-AP',
  'data.json': 'data.json entry',
};

export function diffMarkdown(diff: CatalogueDiff): string {
  const { counts } = diff;
  const lines: string[] = ['## Catalogue changes', ''];
  const parts = (['added', 'removed', 'renamed', 'changed'] as const).filter((kind) => counts[kind] > 0).map((kind) => `${counts[kind]} ${kind}`);
  lines.push(
    parts.length === 0
      ? `**No dataset changes** (${diff.head.datasets} datasets).`
      : `**${parts.join(', ')}**; ${counts.unchanged} unchanged (${diff.base.datasets} datasets before, ${diff.head.datasets} after).`,
    '',
  );
  if (diff.datasets.length > 0) {
    lines.push('| change | dataset | export.json | CKAN package_show | DCAT-AP | data.json |', '|---|---|---|---|---|---|');
    for (const change of diff.datasets) {
      lines.push(`| ${change.kind} | ${datasetLabel(change)} | ${change.outputs.map(effectCell).join(' | ')} |`);
    }
    lines.push('');
    for (const change of diff.datasets.slice(0, detailLimit)) lines.push(...datasetSection(change));
    if (diff.datasets.length > detailLimit) lines.push(`${diff.datasets.length - detailLimit} more datasets changed: run \`datashelf diff --json\` for all of them.`, '');
  }
  lines.push(...filesSection(diff));
  return `${lines.join('\n').trimEnd()}\n`;
}

function datasetLabel(change: DatasetChange): string {
  const after = change.after ?? change.before!;
  const id = change.before && change.after && change.before.id !== change.after.id ? `${code(change.before.id)} → ${code(change.after.id)}` : code(after.id);
  return `${id} ${cell(change.title)}`;
}

function effectCell(effect: OutputEffect): string {
  switch (effect.change) {
    case 'added':
      return 'added';
    case 'removed':
      return 'removed';
    case 'unchanged':
      return '—';
    case 'not built':
      return 'not built';
    case 'changed':
      return effect.statements ? `+${effect.statements.added} −${effect.statements.removed} statements` : plural(effect.keys.length, 'key');
  }
}

function datasetSection(change: DatasetChange): string[] {
  const lines = [`### ${capitalise(change.kind)}: ${datasetLabel(change)}`, ''];
  for (const note of change.notes) lines.push(`- ${note}`);
  if (change.notes.length > 0) lines.push('');
  if (change.fields.length > 0) {
    lines.push('| field | before | after |', '|---|---|---|');
    for (const field of change.fields) lines.push(`| ${code(field.field)} | ${value(field.before)} | ${value(field.after)} |`);
    lines.push('');
  }
  const effects = change.outputs.filter((effect) => effect.change !== 'unchanged' && effect.change !== 'not built');
  if (effects.length > 0) {
    lines.push('What consumers see:', '');
    for (const effect of effects) lines.push(`- **${outputLabels[effect.output]}** (${code(effect.where)}): ${effectText(effect)}`);
    lines.push('');
  }
  return lines;
}

function effectText(effect: OutputEffect): string {
  if (effect.change === 'added') return 'new';
  if (effect.change === 'removed') return 'gone';
  const keys = effect.keys.map(code).join(', ');
  return effect.statements ? `${plural(effect.statements.added, 'statement')} added, ${effect.statements.removed} removed (${keys})` : `changed ${keys}`;
}

function filesSection(diff: CatalogueDiff): string[] {
  const areas = diff.files.filter((area) => area.added.length + area.removed.length + area.changed.length > 0);
  if (areas.length === 0) return ['No published file differs.', ''];
  const lines = ['### Published files', '', '| area | added | removed | changed |', '|---|---|---|---|'];
  for (const area of areas) lines.push(`| ${area.area} | ${area.added.length} | ${area.removed.length} | ${area.changed.length} |`);
  lines.push('');
  for (const area of areas) {
    const listed = (['added', 'removed', 'changed'] as const).flatMap((kind) => {
      const files = area[kind];
      if (files.length === 0) return [];
      const shown = files.slice(0, fileListLimit).map((file) => `- ${kind}: ${code(file)}`);
      return files.length > fileListLimit ? [...shown, `- … and ${files.length - fileListLimit} more ${kind}`] : shown;
    });
    lines.push(`<details><summary>${escapeHtml(area.area)}</summary>`, '', ...listed, '', '</details>', '');
  }
  return lines;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A value in a table cell: JSON for anything but text, on one line, cut at 120 characters. */
function value(data: Json | undefined): string {
  if (data === undefined) return '(absent)';
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return text.length === 0 ? '(empty)' : cell(text.length > 120 ? `${text.slice(0, 119)}…` : text);
}

/** Text in a table cell: no line breaks, no column breaks, no HTML a job summary would render. */
function cell(text: string): string {
  return escapeHtml(text.replace(/\s+/g, ' ')).replace(/[\\`*_[\]]/g, '\\$&').replace(/\|/g, '\\|');
}

function code(text: string): string {
  const ticks = text.includes('`') ? '``' : '`';
  return `${ticks}${text.replace(/\|/g, '\\|').replace(/\s+/g, ' ')}${ticks}`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
