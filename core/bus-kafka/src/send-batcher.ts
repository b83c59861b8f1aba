/**
 * Group send: the messages published while the producer's previous request is in flight go
 * together in its next one (kafkajs `sendBatch`: one Produce request for every topic and
 * partition), instead of one request and one acknowledgement round trip per message. The
 * producer allows one request in flight (idempotence), so nothing is lost by waiting, and
 * messages keep the order they were published in. Each caller's promise settles with the
 * request that carried its message: resolved once Kafka acknowledged it, rejected with that
 * request's error otherwise. The queue itself is @wireup/sdk's `createGroupSender`.
 */
import type { Message, TopicMessages } from 'kafkajs';
import { createGroupSender, type Pending } from '@wireup/runtime';

interface Outgoing {
  topic: string;
  message: Message;
}

export type SendOne = (topic: string, message: Message) => Promise<void>;

/** Groups messages by topic, keeping their order within each topic. */
function byTopic(batch: Pending<Outgoing, void>[]): TopicMessages[] {
  const grouped = new Map<string, Message[]>();
  for (const { item } of batch) {
    const list = grouped.get(item.topic);
    if (list) list.push(item.message);
    else grouped.set(item.topic, [item.message]);
  }
  return [...grouped].map(([topic, messages]) => ({ topic, messages }));
}

export function createSendBatcher(sendBatch: (topicMessages: TopicMessages[]) => Promise<unknown>): SendOne {
  const send = createGroupSender<Outgoing, void>(async (batch) => {
    await sendBatch(byTopic(batch)); // a failure rejects every message of the batch
    for (const p of batch) p.resolve();
  });
  return (topic, message) => send({ topic, message });
}
