/**
 * Group send: the messages published while the producer's previous request is in flight go
 * together in its next one (kafkajs `sendBatch`: one Produce request for every topic and
 * partition), instead of one request and one acknowledgement round trip per message. The
 * producer allows one request in flight (idempotence), so nothing is lost by waiting, and
 * messages keep the order they were published in. Each caller's promise settles with the
 * request that carried its message: resolved once Kafka acknowledged it, rejected with that
 * request's error otherwise.
 */
import type { Message, TopicMessages } from 'kafkajs';

/** Most messages in one request; more waiting go in the next. */
const MAX_BATCH = 500;

interface Waiting {
  topic: string;
  message: Message;
  done(): void;
  fail(error: unknown): void;
}

export type SendOne = (topic: string, message: Message) => Promise<void>;

/** Groups messages by topic, keeping their order within each topic. */
function byTopic(batch: Waiting[]): TopicMessages[] {
  const grouped = new Map<string, Message[]>();
  for (const w of batch) {
    const list = grouped.get(w.topic);
    if (list) list.push(w.message);
    else grouped.set(w.topic, [w.message]);
  }
  return [...grouped].map(([topic, messages]) => ({ topic, messages }));
}

export function createSendBatcher(sendBatch: (topicMessages: TopicMessages[]) => Promise<unknown>): SendOne {
  let waiting: Waiting[] = [];
  let sending = false;

  async function send(): Promise<void> {
    sending = true;
    try {
      while (waiting.length > 0) {
        const batch = waiting.slice(0, MAX_BATCH);
        waiting = waiting.slice(batch.length);
        try {
          await sendBatch(byTopic(batch));
          for (const w of batch) w.done();
        } catch (error) {
          for (const w of batch) w.fail(error);
        }
      }
    } finally {
      sending = false;
    }
  }

  return (topic, message) => new Promise<void>((done, fail) => {
    waiting.push({ topic, message, done, fail });
    if (!sending && waiting.length === 1) queueMicrotask(() => { if (!sending) void send(); });
  });
}
