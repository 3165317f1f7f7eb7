// Pure helpers of the benchmark: a deterministic secret generator and summary statistics.

/** A small deterministic PRNG (mulberry32), so every run measures the same secrets. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['SERVICE', 'API', 'DB', 'AUTH', 'CACHE', 'QUEUE', 'PAYMENTS', 'SEARCH', 'MAIL', 'STORAGE'];
const KINDS = ['KEY', 'TOKEN', 'PASSWORD', 'URL', 'SECRET', 'CERT'];

function text(next, length) {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < length; i++) out += chars[Math.floor(next() * chars.length)];
  return out;
}

/**
 * @param {number} count
 * @param {number} [seed]
 * @returns {Record<string, string>}
 * `count` secrets as key → value: keys like SERVICE_42_API_KEY, values of 20–200 bytes; one in ten
 * a multi-line PEM-like block, one in ten a JSON document.
 */
export function generateSecrets(count, seed = 1) {
  const next = random(seed);
  const secrets = {};
  for (let i = 0; i < count; i++) {
    const key = `${WORDS[i % WORDS.length]}_${i}_${KINDS[Math.floor(next() * KINDS.length)]}`;
    const kind = i % 10;
    if (kind === 3) {
      const body = Array.from({ length: 3 }, () => text(next, 64)).join('\n');
      secrets[key] = `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;
    } else if (kind === 7) {
      secrets[key] = JSON.stringify({ user: `svc-${i}`, password: text(next, 24), port: 5432 });
    } else {
      secrets[key] = text(next, 20 + Math.floor(next() * 181));
    }
  }
  return secrets;
}

/** Median, min and max of numbers. */
export function stats(samples) {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/**
 * The budget held against one run's figures, a line each, ✓ or ✗.
 * @param {{ floor: number, distBytes: number, rows: Array<{ size: number, main: number, rss: number }> }} run
 *   `floor`: median wall time in ms of a bundle that only loads @actions/core and @actions/http-client;
 *   rows: median main-step wall times in ms and peak RSS in MB for 10, 1,000 and 10,000 secrets.
 * Growth counts as linear when a secret costs no more between 1,000 and 10,000 than between 10
 * and 1,000 (with 25% for noise).
 */
export function budget({ floor, distBytes, rows }) {
  const [small, middle, large] = [10, 1_000, 10_000].map((size) => {
    const row = rows.find((r) => r.size === size);
    if (!row) throw new Error(`no figures for ${size} secrets`);
    return row;
  });
  const perThousand = (a, b) => ((b.main - a.main) / (b.size - a.size)) * 1000;
  const early = perThousand(small, middle);
  const late = perThousand(middle, large);
  const checks = [
    ['10 secrets ≤ 1.3× floor', small.main / floor <= 1.3, `${(small.main / floor).toFixed(2)}×`],
    ['10,000 secrets ≤ 3× floor', large.main / floor <= 3, `${(large.main / floor).toFixed(2)}×`],
    [
      'linear growth',
      late <= early * 1.25,
      `${early.toFixed(1)} ms per 1,000 secrets up to 1,000, ${late.toFixed(1)} ms beyond`,
    ],
    ['peak RSS ≤ 150 MB at 10,000', large.rss <= 150, `${large.rss.toFixed(1)} MB`],
    ['dist/ JavaScript ≤ 600 KB', distBytes <= 600 * 1024, `${(distBytes / 1024).toFixed(1)} KB`],
  ];
  return checks.map(([rule, ok, got]) => `${ok ? '✓' : '✗'} ${rule}: ${got}`);
}
