/**
 * Deterministic pseudo-random numbers for the simulator.
 *
 * Every random stream is derived from (scenario seed, stream name), so independent parts of the
 * model (each traffic source, API faults, direct invokes, ids) never perturb each other's
 * sequences. That keeps runs reproducible even when the *timing* of API calls differs
 * (common random numbers for Monte-Carlo comparisons).
 */

/** 32-bit finalizer (MurmurHash3 fmix32). */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash any mix of strings and numbers into 32 bits. */
export function hash32(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const s = typeof part === 'number' ? `#${part}` : `$${part}`;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h = mix32(h ^ 0x9e3779b9);
  }
  return h >>> 0;
}

/** A deterministic uniform number in [0, 1) for the given key (stateless). */
export function hashUnit(...parts: ReadonlyArray<string | number>): number {
  // 53 bits from two independent hashes.
  const hi = hash32(...parts, 'hi') >>> 5;
  const lo = hash32(...parts, 'lo') >>> 6;
  return (hi * 67108864 + lo) / 9007199254740992;
}

/** sfc32 generator seeded from (seed, stream). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream: string) {
    this.a = hash32(seed, stream, 'a');
    this.b = hash32(seed, stream, 'b');
    this.c = hash32(seed, stream, 'c');
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Exponential with the given rate (events per unit); Infinity for rate <= 0. Always consumes one draw. */
  exponential(rate: number): number {
    const u = this.next();
    if (!(rate > 0)) return Infinity;
    return -Math.log(1 - u) / rate;
  }

  /** Standard normal via Box-Muller. Always consumes exactly two draws (no caching) so draw counts stay fixed. */
  normal(): number {
    const u1 = this.next();
    const u2 = this.next();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** A UUID-shaped id (version 4 layout) from this stream. */
  uuid(): string {
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    const a = hex(this.nextUint32());
    const b = hex(this.nextUint32());
    const c = hex(this.nextUint32());
    const d = hex(this.nextUint32());
    const variant = ((parseInt(c.slice(0, 1), 16) & 0x3) | 0x8).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
  }
}

/** z-score of the 99th percentile of the standard normal distribution. */
export const Z99 = 2.3263478740408408;
