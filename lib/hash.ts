/**
 * cyrb53: a small, fast, well-distributed 53-bit string hash, in base 36 (not cryptographic; for
 * ids derived from content). Ids already stored depend on its exact output: never change it.
 * Used by Messenger's derived message ids, the CSV import's derived ids and past-reply
 * suggestion ids. (Legacy X DM ids use an 8-hex-digit FNV-1a, lib/platforms/x/dom.ts.)
 */
export function cyrb53(input: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
