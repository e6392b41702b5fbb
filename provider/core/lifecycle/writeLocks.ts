/**
 * Serializes the writes that could make the same webhook. Two creates (or an update and a
 * create) of one event and target URL on one API host run one after the other, whichever
 * credentials they use: two credential sets may reach the same site, so a writer whose account
 * was not the last to write under a key looks at a fresh list, made after that write.
 */
export class WriteLocks {
  private readonly tails: Map<string, Promise<void>>;
  private readonly lastWriters: Map<string, object>;

  constructor() {
    this.tails = new Map();
    this.lastWriters = new Map();
  }

  /**
   * Runs `work` for `writer` (an account) once every earlier holder of `key` is done; `work`
   * learns whether another account wrote under `key` since (so that what `writer` knew of its
   * account may be out of date).
   */
  async run<T>(key: string, writer: object, work: (stale: boolean) => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    let release = () => {};
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = (previous ?? Promise.resolve()).then(() => done);
    this.tails.set(key, tail);
    if (previous) await previous;
    try {
      const last = this.lastWriters.get(key);
      return await work(last !== undefined && last !== writer);
    } finally {
      this.lastWriters.set(key, writer);
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
