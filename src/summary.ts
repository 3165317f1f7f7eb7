// The job summary: what was exported, from where, to where, and what was skipped. Never a value.
// Names are escaped so that a key cannot inject Markdown or HTML into the summary page.
import { describeSource, type Source } from './resolve.js';
import type { Exportable, Skipped } from './names.js';
import { describeDestination, destinations } from './export.js';
import type { ExportType } from './inputs.js';

/** Rows shown at most; the runner refuses summaries above 1 MiB and a long table helps nobody. */
export const MAX_ROWS = 500;

/** Text safe in a Markdown table cell: HTML-escaped, Markdown punctuation escaped, controls visible. */
export function escapeCell(text: string): string {
  return (
    text
      .replace(/[\\`*_[\]()#+\-.!~{}$:=]/g, '\\$&')
      .replace(/[&<>"'|]/g, (c) => `&#${c.charCodeAt(0)};`)
      // eslint-disable-next-line no-control-regex -- Unicode's Cc, the control characters, made visible
      .replace(/[\0-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
  );
}

export interface SummaryInput {
  environment: string;
  secretPath: string;
  exportType: ExportType;
  exported: Exportable[];
  skipped: Skipped[];
}

/** A table: header cells, then one row per item (at most MAX_ROWS), then a blank line. */
function table<T>(header: string[], items: T[], render: (item: T) => string[]): string[] {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const out = [
    line(header),
    line(header.map(() => '---')),
    ...items.slice(0, MAX_ROWS).map((item) => line(render(item))),
  ];
  if (items.length > MAX_ROWS)
    out.push(line([`… and ${items.length - MAX_ROWS} more`, ...header.slice(1).map(() => '')]));
  return [...out, ''];
}

export function renderSummary({ environment, secretPath, exportType, exported, skipped }: SummaryInput): string {
  const destination = destinations(exportType).join(', ');
  const where = `${escapeCell(environment)}:${escapeCell(secretPath)}`;
  const noun = exported.length === 1 ? 'secret' : 'secrets';
  const lines = [
    '### Infisical secrets',
    '',
    `Exported **${exported.length}** ${noun} from ${where} as ${describeDestination(exportType)}.`,
    '',
  ];
  if (exported.length > 0) {
    // Secrets of one folder share one Source: each folder's cell is escaped once.
    const cells = new Map<Source, string>();
    const source = ({ secret }: Exportable): string => {
      let cell = cells.get(secret.source);
      if (cell === undefined) cells.set(secret.source, (cell = escapeCell(describeSource(secret.source))));
      return cell;
    };
    lines.push(
      ...table(['Name', 'Source', 'Destination'], exported, (c) => [
        escapeCell(c.name),
        source(c),
        c.outputOnly ? 'output' : destination,
      ]),
    );
  }
  const reasons = (title: string, items: Skipped[]) => {
    if (items.length === 0) return;
    lines.push(title, '', ...table(['Name', 'Reason'], items, (s) => [escapeCell(s.name), escapeCell(s.reason)]));
  };
  reasons(
    'Not exported:',
    skipped.filter((s) => !s.outputOnly),
  );
  reasons(
    "Kept out of the job's environment (exported as step outputs only):",
    skipped.filter((s) => s.outputOnly),
  );
  return `${lines.join('\n')}\n`;
}
