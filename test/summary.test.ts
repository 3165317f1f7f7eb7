import { describe, expect, it } from 'vitest';
import { escapeCell, MAX_ROWS, renderSummary } from '../src/summary.js';
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

describe('renderSummary', () => {
  it('shows environment, path, count, names with source and destination, skipped keys; never a value', () => {
    const text = renderSummary({
      environment: 'prod',
      secretPath: '/app',
      exportType: 'both',
      exported: [chosen('DB_URL', '/app'), chosen('SHARED', '/', 'staging')],
      skipped: [{ name: 'NODE_OPTIONS', reason: 'the runner refuses to set NODE_OPTIONS' }],
    });
    expect(text).toBe(
      [
        '### Infisical secrets',
        '',
        'Exported **2** secrets from prod:/app as environment variables and step outputs.',
        '',
        '| Name | Source | Destination |',
        '| --- | --- | --- |',
        '| DB\\_URL | /app | env, output |',
        '| SHARED | imported from staging\\:/ | env, output |',
        '',
        'Not exported:',
        '',
        '| Name | Reason |',
        '| --- | --- |',
        '| NODE\\_OPTIONS | the runner refuses to set NODE\\_OPTIONS |',
        '',
        '',
      ].join('\n'),
    );
    expect(text).not.toContain('never-shown-value');
  });

  it('shows a name kept out of the environment as a step output, with the reason in its own table', () => {
    const text = renderSummary({
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
        '| DB\\_URL | / | env, output |',
        '| BASH\\_ENV | / | output |',
        '',
        'Not exported:',
        '',
        '| Name | Reason |',
        '| --- | --- |',
        '| LD\\_PRELOAD | it makes later programs load code |',
        '',
        "Kept out of the job's environment (exported as step outputs only):",
        '',
        '| Name | Reason |',
        '| --- | --- |',
        '| BASH\\_ENV | bash sources it |',
        '',
      ].join('\n'),
    );
  });

  it('cuts long tables', () => {
    const exported = Array.from({ length: MAX_ROWS + 3 }, (_, i) => chosen(`K${i}`));
    const text = renderSummary({ environment: 'e', secretPath: '/', exportType: 'env', exported, skipped: [] });
    expect(text.split('\n').filter((l) => l.startsWith('| K'))).toHaveLength(MAX_ROWS);
    expect(text).toContain('| … and 3 more |  |  |');
  });
});

describe('escapeCell', () => {
  it.each([
    ['<img src=x onerror=alert(1)>', '&#60;img src\\=x onerror\\=alert\\(1\\)&#62;'],
    ['a|b', 'a&#124;b'],
    ['[link](http://x)', '\\[link\\]\\(http\\://x\\)'],
    ['**bold**_x_`code`', '\\*\\*bold\\*\\*\\_x\\_\\`code\\`'],
    ['line\nbreak\r', 'line\\x0abreak\\x0d'],
    ['del\x7f c1\x9f nbsp\xa0', 'del\\x7f c1\\x9f nbsp\xa0'],
    ['&amp;', '&#38;amp;'],
  ])('neutralises %j', (name, expected) => {
    expect(escapeCell(name)).toBe(expected);
  });
});
