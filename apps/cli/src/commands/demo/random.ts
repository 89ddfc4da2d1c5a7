import { createHash } from 'node:crypto';

/**
 * Determinism for the demo story: ids and random choices depend only on the seed and on names, so a
 * second run sends exactly the same commands (same streams, same business times, same bodies).
 */

const NAMESPACE = 'koproduktiv-demo-data';

/** A name-based UUID (version 5 layout, sha1 of namespace, seed and name), lowercase. */
export function demoUuid(seed: number, name: string): string {
  const hex = createHash('sha1').update(`${NAMESPACE}\u0000${seed}\u0000${name}`).digest('hex').slice(0, 32).split('');
  hex[12] = '5'; // version
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16); // RFC 4122 variant
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A small seeded PRNG (mulberry32); one per script, so that scripts do not disturb each other. */
export class Random {
  private state: number;

  constructor(seed: number, name: string) {
    this.state = createHash('sha1').update(`${seed}\u0000${name}`).digest().readUInt32LE(0);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}
