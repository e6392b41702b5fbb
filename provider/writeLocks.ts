/**
 * Serializes the writes that could make the same webhook. Two creates (or an update and a
 * create) of one event and target URL on one API host run one after the other, whichever
 * credentials they use: two credential sets may reach the same site, so the second one looks at
 * a fresh list, made after the first one's write, before it writes.
 */
export class WriteLocks {
  private readonly tails: Map<string, Promise<void>>;

  constructor() {
    this.tails = new Map();
  }

  /**
   * Runs `work` once every earlier holder of `key` is done; `work` learns whether it waited (so
   * that what it knew of the account before may be out of date).
   */
  async run<T>(key: string, work: (waited: boolean) => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    let release = () => {};
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = (previous ?? Promise.resolve()).then(() => done);
    this.tails.set(key, tail);
    if (previous) await previous;
    try {
      return await work(previous !== undefined);
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
