#!/usr/bin/env node
// kafkajs against a Kafka bootstrap address; same commands and output as confluent_kafka_client.py.
//   version | produce BOOTSTRAP TOPIC COUNT | consume BOOTSTRAP TOPIC COUNT
//   group BOOTSTRAP TOPIC GROUP COUNT | admin BOOTSTRAP TOPIC PARTITIONS
'use strict';

const { ConfigResourceTypes, Kafka, logLevel } = require('kafkajs');

const TIMEOUT_MS = 60000;

function out(...fields) {
  process.stdout.write(fields.join(' ') + '\n');
}

function text(buffer) {
  return buffer == null ? '' : buffer.toString('utf8');
}

function client(bootstrap) {
  return new Kafka({ clientId: 'compat-kafkajs', brokers: [bootstrap], logLevel: process.env.KAFKAJS_LOG === 'debug' ? logLevel.DEBUG : logLevel.WARN });
}

async function produce(bootstrap, topic, count) {
  const producer = client(bootstrap).producer();
  await producer.connect();
  for (let i = 0; i < count; i++) {
    // One send per record so each record reports its own offset.
    const [meta] = await producer.send({ topic, messages: [{ key: `k${i}`, value: `v${i}` }] });
    if (meta.errorCode !== 0) throw new Error(`produce error ${meta.errorCode}`);
    out('produced', meta.partition, meta.baseOffset, `k${i}`);
  }
  await producer.disconnect();
}

// Consumes until `count` records were handled or the timeout passed; returns the next offset per partition.
async function consumeWith(consumer, count) {
  const next = new Map();
  let handled = 0;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, TIMEOUT_MS);
    consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        if (handled >= count) return;
        out('record', partition, message.offset, text(message.key), text(message.value));
        next.set(partition, BigInt(message.offset) + 1n);
        handled++;
        if (handled >= count) {
          clearTimeout(timer);
          resolve();
        }
      },
    }).catch(reject);
  });
  return next;
}

async function consume(bootstrap, topic, count) {
  // kafkajs has no assign(): a consumer always belongs to a group. A fresh group with nothing committed
  // reads from earliest; nothing is committed here.
  const consumer = client(bootstrap).consumer({ groupId: `reader-${topic}-${process.pid}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumeWith(consumer, count);
  await consumer.disconnect();
}

async function group(bootstrap, topic, groupId, count) {
  const consumer = client(bootstrap).consumer({ groupId });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const next = await consumeWith(consumer, count);
  // Committed while the member still belongs to the group (a stopped kafkajs consumer cannot commit).
  const offsets = [...next.entries()].map(([partition, offset]) => ({ topic, partition, offset: offset.toString() }));
  if (offsets.length > 0) {
    await consumer.commitOffsets(offsets);
    for (const o of offsets.sort((a, b) => a.partition - b.partition)) out('committed', o.partition, o.offset);
  }
  await consumer.disconnect();
}

async function admin(bootstrap, topic, partitions) {
  const adminClient = client(bootstrap).admin();
  await adminClient.connect();
  await adminClient.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
  out('created');
  if ((await adminClient.listTopics()).includes(topic)) out('listed');
  const metadata = await adminClient.fetchTopicMetadata({ topics: [topic] });
  out('described', metadata.topics[0].partitions.length);
  const resource = { type: ConfigResourceTypes.TOPIC, name: topic };
  await adminClient.alterConfigs({ resources: [{ ...resource, configEntries: [{ name: 'retention.ms', value: '3600000' }] }] });
  const configs = await adminClient.describeConfigs({ resources: [{ ...resource, configNames: ['retention.ms'] }] });
  out('configured retention.ms', configs.resources[0].configEntries[0].configValue);
  await adminClient.deleteTopics({ topics: [topic] });
  out('deleted');
  const deadline = Date.now() + TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!(await adminClient.listTopics()).includes(topic)) {
      out('gone');
      break;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await adminClient.disconnect();
}

async function main(args) {
  const [command, bootstrap, topic] = args;
  switch (command) {
    case 'version':
      out('kafkajs', require('kafkajs/package.json').version);
      break;
    case 'produce': await produce(bootstrap, topic, Number(args[3])); break;
    case 'consume': await consume(bootstrap, topic, Number(args[3])); break;
    case 'group': await group(bootstrap, topic, args[3], Number(args[4])); break;
    case 'admin': await admin(bootstrap, topic, Number(args[3])); break;
    default: throw new Error(`unknown command ${command}`);
  }
}

main(process.argv.slice(2)).then(() => process.exit(0), (e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exit(1);
});
