// The job summary as core.summary renders it: never a value, names and reasons escaped for HTML.
import * as core from '@actions/core';
import { afterEach, describe, expect, it } from 'vitest';
import { addSummary, escapeHtml, MAX_ROWS, MAX_SUMMARY_BYTES, type SummaryInput } from '../src/export/summary.js';
import { demoInputs, runStep, startDemoFake, warnings } from './harness.js';
import type { Chosen } from '../src/selection.js';

const chosen = (name: string, path = '/', importedFrom?: string): Chosen => ({
  name,
  value: 'never-shown-value',
  secret: {
    key: name,
    value: 'never-shown-value',
    source: importedFrom ? { path, importedFrom } : { path },
    hidden: false,
  },
});

const render = (input: SummaryInput): string => addSummary(input).stringify();
afterEach(() => void core.summary.emptyBuffer());

describe('addSummary', () => {
  it('shows environment, path, count, names with source and destination, skipped keys; never a value', () => {
    const text = render({
      environment: 'prod',
      secretPath: '/app',
      exportType: 'both',
      exported: [chosen('DB_URL', '/app'), chosen('SHARED', '/', 'staging')],
      skipped: [{ name: 'NODE_OPTIONS', reason: 'the runner refuses to set NODE_OPTIONS' }],
    });
    expect(text).toBe(
      [
        '<h3>Infisical secrets</h3>',
        '<p>Exported <b>2</b> secrets from <code>prod:/app</code> as environment variables and step outputs.</p>',
        '<table><tr><th>Name</th><th>Source</th><th>Destination</th></tr>' +
          '<tr><td>DB_URL</td><td>/app</td><td>env, output</td></tr>' +
          '<tr><td>SHARED</td><td>imported from staging:/</td><td>env, output</td></tr></table>',
        '<p>Not exported:</p>',
        '<table><tr><th>Name</th><th>Reason</th></tr>' +
          '<tr><td>NODE_OPTIONS</td><td>the runner refuses to set NODE_OPTIONS</td></tr></table>',
        '',
      ].join('\n'),
    );
    expect(text).not.toContain('never-shown-value');
  });

  it('shows a name kept out of the environment as a step output, with the reason in its own table', () => {
    const text = render({
      environment: 'prod',
      secretPath: '/',
      exportType: 'both',
      exported: [chosen('DB_URL'), { ...chosen('BASH_ENV'), outputOnly: true }],
      skipped: [
        { name: 'LD_PRELOAD', reason: 'it makes later programs load code' },
        { name: 'BASH_ENV', reason: 'bash sources it', outputOnly: true },
      ],
    });
    expect(text).toContain(
      [
        '<tr><td>DB_URL</td><td>/</td><td>env, output</td></tr><tr><td>BASH_ENV</td><td>/</td><td>output</td></tr></table>',
        '<p>Not exported:</p>',
        '<table><tr><th>Name</th><th>Reason</th></tr><tr><td>LD_PRELOAD</td><td>it makes later programs load code</td></tr></table>',
        "<p>Kept out of the job's environment (exported as step outputs only):</p>",
        '<table><tr><th>Name</th><th>Reason</th></tr><tr><td>BASH_ENV</td><td>bash sources it</td></tr></table>',
        '',
      ].join('\n'),
    );
  });

  it('cuts long tables', () => {
    const exported = Array.from({ length: MAX_ROWS + 3 }, (_, i) => chosen(`K${i}`));
    const text = render({ environment: 'e', secretPath: '/', exportType: 'env', exported, skipped: [] });
    expect(text.match(/<tr><td>K\d+</g)).toHaveLength(MAX_ROWS);
    expect(text).toContain('<tr><td colspan="3">… and 3 more</td></tr></table>');
  });
});

// Whoever writes the folder chooses the names: 400 names of 3,000 characters made tables of 1.2 MB,
// which the runner dropped whole, with an error annotation.
describe('a summary of names too long for the runner', () => {
  it('keeps within what the runner keeps, with the count, and points at the log for the skipped', async () => {
    const long = (i: number, mark = '') => `K${i}${mark}_${'x'.repeat(3000)}`;
    const folder: Record<string, string> = {};
    for (let i = 0; i < 400; i++) folder[long(i)] = `value-${i}`;
    folder[long(0, ' ')] = 'a name no .env file holds';
    const fake = await startDemoFake({ dev: { secrets: { '/': folder } } });
    try {
      const r = await runStep({ inputs: demoInputs(fake.url, { 'export-type': 'file' }) });
      expect(r.code).toBe(0);
      expect(warnings(r)).toHaveLength(1);
      expect(Buffer.byteLength(r.summary)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES);
      expect(r.summary).toBe(
        '<h3>Infisical secrets</h3>\n<p>Exported <b>400</b> secrets from <code>dev:/</code> as a .env file. ' +
          "The names are too long to list here (the runner keeps 1024 KiB of summary); the step's log names the 1 not exported.</p>\n",
      );
    } finally {
      await fake.close();
    }
  });
  it('counts a name kept out of the environment, still a step output, apart from the ones not exported', () => {
    const long = (i: number) => `K${i}_${'x'.repeat(3000)}`;
    const exported = Array.from({ length: 400 }, (_, i) => chosen(long(i)));
    exported.push({ ...chosen('GITHUB_SHA'), outputOnly: true });
    const text = render({
      environment: 'dev',
      secretPath: '/',
      exportType: 'both',
      exported,
      skipped: [
        { name: 'GITHUB_SHA', reason: 'the runner sets it', outputOnly: true },
        { name: 'NODE_OPTIONS', reason: 'the runner refuses to set NODE_OPTIONS' },
      ],
    });
    expect(text).toContain(
      "the step's log names the 1 not exported and the 1 kept out of the job's environment (step outputs only).</p>",
    );
  });
});

describe('escapeHtml', () => {
  it.each([
    ['<img src=x onerror=alert(1)>', '&#60;img src=x onerror=alert(1)&#62;'],
    ['</td></tr></table><script>', '&#60;/td&#62;&#60;/tr&#62;&#60;/table&#62;&#60;script&#62;'],
    ['a"b\'c`d', 'a&#34;b&#39;c&#96;d'],
    ['line\nbreak\r', 'line\\x0abreak\\x0d'],
    ['del\x7f c1\x9f nbsp\xa0', 'del\\x7f c1\\x9f nbsp\xa0'],
    ['&amp;', '&#38;amp;'],
  ])('neutralises %j', (name, expected) => {
    expect(escapeHtml(name)).toBe(expected);
  });
});
