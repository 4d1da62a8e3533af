/** Probes past which a set stops hashing itself and hands over to a plain `Set`. */
const LONGEST_PROBE = 64;

/**
 * The event ids seen so far, for `byTicket`'s "first delivered wins" over a whole flat list.
 *
 * A `Set<string>` of hundreds of thousands of ids made grouping cost as much as half of
 * evaluating the tickets: every insert and every growth reads the other strings' headers,
 * scattered through the heap. Here each id's hash sits in one typed array beside it, so an
 * insert touches one slot and growing touches no string; ids are compared only when their
 * hashes are equal. The hash is unseeded, so ids chosen to collide could make probes long:
 * past `LONGEST_PROBE` the set moves its ids into a `Set<string>` and uses that from then on.
 */
export class IdSet {
  #hashes = new Int32Array(1 << 10);
  #ids: (string | undefined)[] = new Array(1 << 10);
  #size = 0;
  #fallback: Set<string> | undefined;

  /** Adds `id`; whether it was new. */
  add(id: string): boolean {
    if (this.#fallback) return addNew(this.#fallback, id);
    const hash = hashOf(id);
    const mask = this.#hashes.length - 1;
    for (let i = hash & mask, probes = 0; ; i = (i + 1) & mask, probes++) {
      const found = this.#hashes[i];
      if (found === 0) {
        this.#hashes[i] = hash;
        this.#ids[i] = id;
        if (++this.#size * 2 > this.#hashes.length) this.#grow();
        return true;
      }
      if (found === hash && this.#ids[i] === id) return false;
      if (probes > LONGEST_PROBE) {
        this.#fallback = new Set(this.#ids.filter((known) => known !== undefined));
        return addNew(this.#fallback, id);
      }
    }
  }

  #grow(): void {
    const [hashes, ids] = [this.#hashes, this.#ids];
    this.#hashes = new Int32Array(hashes.length * 2);
    this.#ids = new Array(hashes.length * 2);
    const mask = this.#hashes.length - 1;
    for (let j = 0; j < hashes.length; j++) {
      const hash = hashes[j] as number;
      if (hash === 0) continue;
      let i = hash & mask;
      while (this.#hashes[i] !== 0) i = (i + 1) & mask;
      this.#hashes[i] = hash;
      this.#ids[i] = ids[j];
    }
  }
}

/** FNV-1a over the UTF-16 code units, never 0 (0 marks a free slot). */
function hashOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16_777_619);
  // `| 0`: as the typed array stores it (the basis alone, for "", is above 2^31).
  return hash | 0 || 1;
}

function addNew(set: Set<string>, id: string): boolean {
  const size = set.size;
  set.add(id);
  return set.size !== size;
}
