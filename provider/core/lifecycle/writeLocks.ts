import { LocalRunMemory, type RunMemory } from "./runMemory";

/**
 * Serializes the writes that could make the same webhook. Two creates (or an update and a
 * create) of one event and target URL on one API host run one after the other, whichever
 * credentials and whichever provider process of the run they use: two credential sets may reach
 * the same site, so a writer that was not the last to write under a key looks at a fresh list,
 * made after that write.
 */
export class WriteLocks {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly memory: RunMemory = new LocalRunMemory()) {}

  /**
   * Runs `work` for `writer` (an account of this process) once every earlier holder of `key`, in
   * this process or another of the run, is done; `work` learns whether another writer wrote
   * under `key` since (so that what `writer` knew of its account may be out of date).
   */
  async run<T>(key: string, writer: string, work: (stale: boolean) => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    let release = () => {};
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = (previous ?? Promise.resolve()).then(() => done);
    this.tails.set(key, tail);
    if (previous) await previous;
    try {
      const shared = await this.memory.lock(key);
      try {
        const last = this.memory.lastWriter(key);
        return await work(last !== undefined && last !== writer);
      } finally {
        this.memory.setLastWriter(key, writer);
        shared.release();
      }
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
