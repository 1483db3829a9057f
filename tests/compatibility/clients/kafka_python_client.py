#!/usr/bin/python3
"""kafka-python against a Kafka bootstrap address; same commands and output as confluent_kafka_client.py.

  version | produce BOOTSTRAP TOPIC COUNT | consume BOOTSTRAP TOPIC COUNT
  group BOOTSTRAP TOPIC GROUP COUNT | admin BOOTSTRAP TOPIC PARTITIONS
"""
import sys
import time

import kafka
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType, NewTopic
from kafka.structs import OffsetAndMetadata

TIMEOUT = 60


def out(*fields):
    print(" ".join(str(f) for f in fields), flush=True)


def text(b):
    return "" if b is None else b.decode("utf-8")


def produce(bootstrap, topic, count):
    producer = KafkaProducer(bootstrap_servers=bootstrap)
    futures = [producer.send(topic, key=("k%d" % i).encode(), value=("v%d" % i).encode()) for i in range(count)]
    producer.flush(TIMEOUT)
    for i, future in enumerate(futures):
        metadata = future.get(TIMEOUT)
        out("produced", metadata.partition, metadata.offset, "k%d" % i)
    producer.close(TIMEOUT)


def partitions_of(consumer, topic):
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        found = consumer.partitions_for_topic(topic)
        if found:
            return sorted(found)
        time.sleep(0.5)
    raise SystemExit("no metadata for " + topic)


def drain(consumer, count, on_record):
    received = 0
    deadline = time.time() + TIMEOUT
    while received < count and time.time() < deadline:
        batches = consumer.poll(timeout_ms=1000, max_records=1)
        for records in batches.values():
            for record in records:
                out("record", record.partition, record.offset, text(record.key), text(record.value))
                on_record(record)
                received += 1


def consume(bootstrap, topic, count):
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    assignment = [TopicPartition(topic, p) for p in partitions_of(consumer, topic)]
    consumer.assign(assignment)
    consumer.seek_to_beginning(*assignment)
    drain(consumer, count, lambda record: None)
    consumer.close()


def group(bootstrap, topic, group_id, count):
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=group_id, auto_offset_reset="earliest",
                             enable_auto_commit=False)
    consumer.subscribe([topic])
    next_offsets = {}
    drain(consumer, count, lambda record: next_offsets.__setitem__(record.partition, record.offset + 1))
    if next_offsets:
        consumer.commit({TopicPartition(topic, p): OffsetAndMetadata(o, "") for p, o in next_offsets.items()})
        for p, o in sorted(next_offsets.items()):
            out("committed", p, o)
    consumer.close(autocommit=False)


def admin(bootstrap, topic, partition_count):
    client = KafkaAdminClient(bootstrap_servers=bootstrap)
    response = client.create_topics([NewTopic(topic, num_partitions=partition_count, replication_factor=1)])
    errors = [e for e in response.topic_errors if e[1] != 0]
    if errors:
        raise SystemExit("create_topics: %s" % errors)
    out("created")
    if topic in client.list_topics():
        out("listed")
    described = client.describe_topics([topic])[0]
    if described["error_code"] != 0:
        raise SystemExit("describe_topics: %s" % described)
    out("described", len(described["partitions"]))
    altered = client.alter_configs([ConfigResource(ConfigResourceType.TOPIC, topic,
                                                   configs={"retention.ms": "3600000"})])
    errors = [r for r in altered.resources if r[0] != 0]
    if errors:
        raise SystemExit("alter_configs: %s" % errors)
    configs = client.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)])[0].resources[0][4]
    out("configured retention.ms", dict((c[0], c[1]) for c in configs)["retention.ms"])
    response = client.delete_topics([topic])
    errors = [e for e in response.topic_error_codes if e[1] != 0]
    if errors:
        raise SystemExit("delete_topics: %s" % errors)
    out("deleted")
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        if topic not in client.list_topics():
            out("gone")
            break
        time.sleep(0.5)
    client.close()


def main(args):
    command = args[0]
    if command == "version":
        out("kafka-python", kafka.__version__)
    elif command == "produce":
        produce(args[1], args[2], int(args[3]))
    elif command == "consume":
        consume(args[1], args[2], int(args[3]))
    elif command == "group":
        group(args[1], args[2], args[3], int(args[4]))
    elif command == "admin":
        admin(args[1], args[2], int(args[3]))
    else:
        raise SystemExit("unknown command " + command)


if __name__ == "__main__":
    main(sys.argv[1:])
