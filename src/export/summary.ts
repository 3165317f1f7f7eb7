// The job summary, built with core.summary: what was exported, from where, to where, and what was
// skipped. Never a value. core's table builder puts cell text into HTML as it is, so every name,
// path and reason is HTML-escaped here first: a key cannot inject markup into the summary page.
import * as core from '@actions/core';
import { describeSource, type Source } from '../resolve.js';
import type { Skipped } from '../names.js';
import type { Chosen } from '../selection.js';
import { describeDestination, destinations } from './export.js';
import type { ExportType } from '../inputs.js';

/** Rows shown at most; the runner refuses summaries above 1 MiB and a long table helps nobody. */
export const MAX_ROWS = 500;
/** A step's summary the runner keeps: above this it drops it, with an error annotation. */
export const MAX_SUMMARY_BYTES = 1024 * 1024;

/** Text safe inside HTML: markup characters as entities, control characters made visible. */
export function escapeHtml(text: string): string {
  return (
    text
      .replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`)
      // eslint-disable-next-line no-control-regex -- Unicode's Cc, the control characters, made visible
      .replace(/[\0-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
  );
}

export interface SummaryInput {
  environment: string;
  secretPath: string;
  exportType: ExportType;
  exported: Chosen[];
  skipped: Skipped[];
}

type Row = Parameters<typeof core.summary.addTable>[0][number];
type Cell = Row[number];

/** A table: a header row, then one row per item (at most MAX_ROWS), then a row saying how many more. */
function table<T>(header: string[], items: T[], render: (item: T) => string[]): Row[] {
  const rows: Row[] = [header.map((data): Cell => ({ data, header: true }))];
  for (const item of items.slice(0, MAX_ROWS)) rows.push(render(item));
  if (items.length > MAX_ROWS)
    rows.push([{ data: `… and ${items.length - MAX_ROWS} more`, colspan: `${header.length}` }]);
  return rows;
}

/** Adds the summary to core's buffer; the caller writes it. */
export function addSummary({
  environment,
  secretPath,
  exportType,
  exported,
  skipped,
}: SummaryInput): typeof core.summary {
  const destination = destinations(exportType).join(', ');
  const where = `<code>${escapeHtml(`${environment}:${secretPath}`)}</code>`;
  const noun = exported.length === 1 ? 'secret' : 'secrets';
  const exportedLine = `Exported <b>${exported.length}</b> ${noun} from ${where} as ${describeDestination(exportType)}.`;
  const summary = core.summary.addHeading('Infisical secrets', 3).addRaw(`<p>${exportedLine}</p>`, true);
  if (exported.length > 0) {
    // Secrets of one folder share one Source: each folder's cell is escaped once.
    const cells = new Map<Source, string>();
    const source = ({ secret }: Chosen): string => {
      let cell = cells.get(secret.source);
      if (cell === undefined) cells.set(secret.source, (cell = escapeHtml(describeSource(secret.source))));
      return cell;
    };
    summary.addTable(
      table(['Name', 'Source', 'Destination'], exported, (c) => [
        escapeHtml(c.name),
        source(c),
        c.outputOnly ? 'output' : destination,
      ]),
    );
  }
  const reasons = (title: string, items: Skipped[]): void => {
    if (items.length === 0) return;
    summary
      .addRaw(`<p>${title}</p>`, true)
      .addTable(table(['Name', 'Reason'], items, (s) => [escapeHtml(s.name), escapeHtml(s.reason)]));
  };
  reasons(
    'Not exported:',
    skipped.filter((s) => !s.outputOnly),
  );
  reasons(
    "Kept out of the job's environment (exported as step outputs only):",
    skipped.filter((s) => s.outputOnly),
  );
  if (Buffer.byteLength(summary.stringify()) <= MAX_SUMMARY_BYTES) return summary;
  // Names so long (whoever writes the folder chooses them) that the runner would drop the tables and all.
  const why = `The names are too long to list here (the runner keeps ${MAX_SUMMARY_BYTES / 1024} KiB of summary)`;
  // A name kept out of the environment was still exported, as a step output: it is counted apart.
  const notExported = skipped.filter((s) => !s.outputOnly).length;
  const keptOut = skipped.length - notExported;
  const counts = [
    notExported > 0 ? `the ${notExported} not exported` : '',
    keptOut > 0 ? `the ${keptOut} kept out of the job's environment (step outputs only)` : '',
  ].filter(Boolean);
  const log = counts.length > 0 ? `; the step's log names ${counts.join(' and ')}` : '';
  return summary.emptyBuffer().addHeading('Infisical secrets', 3).addRaw(`<p>${exportedLine} ${why}${log}.</p>`, true);
}
