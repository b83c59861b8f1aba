/** Writes files under a root folder with a bounded number of writes in flight. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A writer: `write` waits only when the pool is full; `flush` waits for every write and rethrows the first failure. */
export interface FileWriter {
  write(file: string, content: string): Promise<void>;
  flush(): Promise<void>;
}

/** Creates a writer rooted at `root` allowing `concurrency` writes at once. */
export function createFileWriter(root: string, concurrency: number): FileWriter {
  const made = new Set<string>();
  const inflight = new Set<Promise<void>>();
  let failure: unknown;
  const one = async (file: string, content: string): Promise<void> => {
    const path = join(root, file);
    const dir = dirname(path);
    if (!made.has(dir)) {
      await mkdir(dir, { recursive: true });
      made.add(dir);
    }
    await writeFile(path, content);
  };
  return {
    async write(file, content) {
      if (failure) throw failure;
      while (inflight.size >= concurrency) await Promise.race(inflight);
      const p: Promise<void> = one(file, content)
        .catch((err: unknown) => {
          failure ??= err;
        })
        .finally(() => inflight.delete(p));
      inflight.add(p);
    },
    async flush() {
      await Promise.all(inflight);
      if (failure) throw failure;
    },
  };
}
