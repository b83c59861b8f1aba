/**
 * What a kafka-backend run leaves on the shared services — its topics and consumer groups (named
 * by its topic prefix) and its MongoDB database — removed once its Wireup stopped. Left behind,
 * hundreds of runs' topics slow the one local broker down and skew later runs.
 */
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';

export interface Leftovers {
  brokers: string[];
  topicPrefix: string;
  mongoAddress: string;
  database: string;
}

export async function removeLeftovers(l: Leftovers): Promise<void> {
  const admin = new Kafka({ brokers: l.brokers, clientId: 'wireup-bench-cleanup', logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => id.startsWith(l.topicPrefix));
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(l.topicPrefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
  const client = await MongoClient.connect(`mongodb://${l.mongoAddress}/${l.database}`);
  try {
    await client.db(l.database).dropDatabase();
  } finally {
    await client.close();
  }
}
