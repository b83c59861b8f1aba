/** @wireup/bus-kafka: the EventBus on Apache Kafka (kafkajs). Only the composition root imports it. */
export { createKafkaEventBus } from './kafka-event-bus.ts';
export type { KafkaEventBusOptions } from './kafka-options.ts';
