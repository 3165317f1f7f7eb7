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

/** Median, min, max, p10 and p90 of numbers. */
export function stats(samples) {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], p10: at(0.1), p90: at(0.9) };
}
