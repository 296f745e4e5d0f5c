/** A tenant's collection names in sorted order, to find those under a prefix (a record's `files/<id>/`) without reading every name. */

/**
 * Names kept sorted beside the order they were made in, plus the few made since the last merge. A name the
 * tenant forgets stays listed (the caller filters by what the tenant holds); made again, it is listed again
 * with a later place, and `under` keeps each name's latest place, which is where the tenant's map (insertion
 * order) holds it: so `under` answers what filtering that map answers, in its order. Once forgotten names
 * outnumber the rest, `forget` says so and the tenant makes a new one. At 100,000 Drive files (two collections
 * each), a file's delete read 200,000 names for its own two.
 */
export class KeysByPrefix {
  private sorted: string[] = [];
  /** Each sorted name's place in the order of making. */
  private made: number[] = [];
  /** Names made since the last merge, in order (their places follow the sorted ones'). */
  private added: string[] = [];
  private forgotten = 0;

  constructor(names: Iterable<string>) {
    for (const name of names) this.added.push(name);
    this.merge();
  }

  add(name: string): void {
    this.added.push(name);
    // Merged now and then: a query reads the unmerged names one by one.
    if (this.added.length > 1024) this.merge();
  }

  /** Counts a name the tenant forgot; true once they are most of what is listed (time to start over). */
  forget(): boolean {
    return ++this.forgotten > 1024 && this.forgotten * 2 > this.sorted.length + this.added.length;
  }

  /** The names that start with `prefix`, each at the place it was last made, in that order (forgotten ones too). */
  under(prefix: string): string[] {
    const hits: Array<[string, number]> = [];
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sorted.length && this.sorted[i].startsWith(prefix); i++) hits.push([this.sorted[i], this.made[i]]);
    const base = this.sorted.length;
    for (let i = 0; i < this.added.length; i++) if (this.added[i].startsWith(prefix)) hits.push([this.added[i], base + i]);
    hits.sort((a, b) => a[1] - b[1]);
    if (!this.forgotten || hits.length < 2) return hits.map((h) => h[0]);
    // A name made, forgotten and made again is listed twice: its latest place is the one that stands.
    const latest = new Map<string, number>();
    for (const [name, place] of hits) latest.set(name, place);
    return hits.filter(([name, place]) => latest.get(name) === place).map((h) => h[0]);
  }

  private merge(): void {
    const base = this.sorted.length;
    const added = this.added;
    // The new names' places sorted by name (numbers in a typed array: no pair per name to make).
    const fresh = new Uint32Array(added.length);
    for (let i = 0; i < fresh.length; i++) fresh[i] = i;
    fresh.sort((a, b) => (added[a] < added[b] ? -1 : added[a] > added[b] ? 1 : a - b));
    const sorted: string[] = new Array(base + fresh.length);
    const made: number[] = new Array(base + fresh.length);
    let i = 0;
    let j = 0;
    for (let k = 0; k < sorted.length; k++) {
      if (j >= fresh.length || (i < base && this.sorted[i] < added[fresh[j]])) {
        sorted[k] = this.sorted[i];
        made[k] = this.made[i++];
      } else {
        sorted[k] = added[fresh[j]];
        made[k] = base + fresh[j++];
      }
    }
    this.sorted = sorted;
    this.made = made;
    this.added = [];
  }
}
