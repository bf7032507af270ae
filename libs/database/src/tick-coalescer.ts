/**
 * Shares one read between the callers of the same tick, as the group commit shares one INSERT: each caller's keys
 * join the next query (`load` of their union), which runs once the current tick's callers have arrived
 * (setImmediate); each caller then gets the rows of its own keys. A caller's keys never split across queries.
 * A union above `maxKeys` goes as several queries at once. A failed query fails every caller that shared it.
 */
export class TickCoalescer<K, R> {
  private waiting: Array<{ keys: K[]; resolve: (rows: R[]) => void; reject: (err: unknown) => void }> = [];

  constructor(
    /** The rows of these (distinct) keys. */
    private readonly load: (keys: K[]) => Promise<R[]>,
    /** The key a row answers (or the keys, when one row answers several). */
    private readonly keyOf: (row: R) => K | readonly K[],
    private readonly maxKeys = 5000,
  ) {}

  /** The rows of these keys, in the order `load` returned them. */
  get(keys: K[]): Promise<R[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return new Promise<R[]>((resolve, reject) => {
      this.waiting.push({ keys, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const callers = this.waiting;
    this.waiting = [];
    let group: typeof callers = [];
    let keys = new Set<K>();
    for (const c of callers) {
      if (group.length > 0 && keys.size + c.keys.length > this.maxKeys) {
        this.run(group, keys);
        group = [];
        keys = new Set();
      }
      group.push(c);
      for (const k of c.keys) keys.add(k);
    }
    if (group.length > 0) this.run(group, keys);
  }

  private keysOf(row: R): readonly K[] {
    const k = this.keyOf(row);
    return Array.isArray(k) ? (k as readonly K[]) : [k as K];
  }

  private run(callers: typeof this.waiting, keys: Set<K>): void {
    this.load([...keys]).then(
      (rows) => {
        if (callers.length === 1) return callers[0].resolve(rows);
        const byKey = new Map<K, R[]>();
        for (const r of rows) {
          for (const k of this.keysOf(r)) {
            const list = byKey.get(k);
            if (list) list.push(r);
            else byKey.set(k, [r]);
          }
        }
        for (const c of callers) {
          if (c.keys.length === 1) {
            c.resolve(byKey.get(c.keys[0]) ?? []);
          } else {
            const mine = new Set(c.keys);
            c.resolve(rows.filter((r) => this.keysOf(r).some((k) => mine.has(k))));
          }
        }
      },
      (err: unknown) => {
        for (const c of callers) c.reject(err);
      },
    );
  }
}
