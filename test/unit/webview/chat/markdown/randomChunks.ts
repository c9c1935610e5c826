import type { Prng } from '../../../../../bench/completion/prng';

/** `text` in consecutive chunks of 1 to `maxLength` characters, as `rng` draws them. */
export function randomChunks(text: string, rng: Prng, maxLength: number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; ) {
    const n = rng.int(1, maxLength);
    chunks.push(text.slice(i, i + n));
    i += n;
  }
  return chunks;
}
