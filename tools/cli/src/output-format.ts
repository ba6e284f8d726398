import type { CommandFlags } from './command.js';

export const JSON_FLAG = {
  json: { type: 'boolean', description: 'print JSON on stdout instead of text' },
} as const satisfies CommandFlags;

/** Indented, one value per run: what `jq` and scripts read from stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLines(...lines: string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Left-aligned columns two spaces apart, a header row first. */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const render = (row: readonly string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [header, ...rows].map(render).join('\n');
}

/** `label: value` lines with the values aligned; rows without a value are left out. */
export function formatFields(fields: ReadonlyArray<readonly [string, string | undefined]>): string {
  const shown = fields.filter((field): field is readonly [string, string] => field[1] !== undefined);
  const width = Math.max(...shown.map(([label]) => label.length));
  return shown.map(([label, value]) => `${`${label}:`.padEnd(width + 1)}  ${value}`).join('\n');
}

/** ISO 8601 to the second, in UTC: `2025-11-25 11:46:02Z`. */
export function formatTimestamp(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : `${time.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}
