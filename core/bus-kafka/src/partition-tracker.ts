/**
 * PartitionTracker: which offsets of one topic-partition are handed to handlers and which are
 * done, so the committed offset never passes a message whose handler has not resolved.
 * Handlers of different keys finish out of order; the commit point is the first offset still
 * open (or one past the last offset taken, when none is open).
 */

export interface PartitionTracker {
  readonly topic: string;
  readonly partition: number;
  /** Set when the partition was taken away by a rebalance: its acks no longer count. */
  revoked: boolean;
  /**
   * The high watermark of the partition's first fetch since this member last joined the group
   * (null until then): offsets from it on were appended while this member owned the partition.
   */
  readingSince: bigint | null;
  /** Whether this offset was not taken before (a refetch after a rebalance repeats offsets). */
  isNew(offset: bigint): boolean;
  /** Records an offset handed to the dispatcher. Offsets are taken in increasing order. */
  take(offset: bigint): void;
  /** Marks a taken offset as handled. */
  done(offset: bigint): void;
  /** Offsets taken and not yet below the commit point (open or done out of order). */
  readonly buffered: number;
  /** The offset to commit (Kafka's "next offset to read"), or null when nothing new to commit. */
  commitPoint(): bigint | null;
  /** Remembers that `offset` (a value commitPoint returned) is committed. */
  committed(offset: bigint): void;
}

/** Creates the tracker of one topic-partition. */
export function createPartitionTracker(topic: string, partition: number): PartitionTracker {
  // Taken offsets in order; a done flag each. The head is dropped as soon as it is done.
  const offsets: bigint[] = [];
  const finished = new Set<bigint>();
  let head = 0;
  let nextToTake: bigint | null = null;
  let point: bigint | null = null;
  let lastCommitted: bigint | null = null;

  const advance = (): void => {
    while (head < offsets.length && finished.has(offsets[head])) {
      finished.delete(offsets[head]);
      point = offsets[head] + 1n;
      head += 1;
    }
    if (head > 1024 && head * 2 > offsets.length) {
      offsets.splice(0, head);
      head = 0;
    }
  };

  return {
    topic,
    partition,
    revoked: false,
    readingSince: null,
    isNew: (offset) => nextToTake === null || offset >= nextToTake,
    take(offset) {
      offsets.push(offset);
      nextToTake = offset + 1n;
    },
    done(offset) {
      finished.add(offset);
      advance();
    },
    get buffered() {
      return offsets.length - head;
    },
    commitPoint: () => (point !== null && point !== lastCommitted ? point : null),
    committed(offset) {
      if (lastCommitted === null || offset > lastCommitted) lastCommitted = offset;
    },
  };
}
