#!/usr/bin/python3
"""Python confluent-kafka (librdkafka) against a Kafka bootstrap address; prints one line per fact.

  version
  produce   BOOTSTRAP TOPIC COUNT        -> "produced PARTITION OFFSET KEY" per record
  consume   BOOTSTRAP TOPIC COUNT        -> "record PARTITION OFFSET KEY VALUE", all partitions from earliest, no group
  group     BOOTSTRAP TOPIC GROUP COUNT  -> subscribes as GROUP, handles at most COUNT records
                                            ("record ..."), commits exactly those ("committed PARTITION NEXT"), closes
  admin     BOOTSTRAP TOPIC PARTITIONS   -> "created", "listed", "described PARTITIONS",
                                            "configured retention.ms VALUE" (after setting it to 3600000),
                                            "deleted", "gone"
"""
import sys
import time

import confluent_kafka
from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, ConfigResource, NewTopic

TIMEOUT = 60


def out(*fields):
    print(" ".join(str(f) for f in fields), flush=True)


def text(b):
    return "" if b is None else b.decode("utf-8")


def produce(bootstrap, topic, count):
    producer = Producer({"bootstrap.servers": bootstrap})
    reports = []

    def delivered(err, msg):
        if err is not None:
            raise KafkaException(err)
        reports.append((msg.partition(), msg.offset(), text(msg.key())))

    for i in range(count):
        producer.produce(topic, key="k%d" % i, value="v%d" % i, on_delivery=delivered)
    if producer.flush(TIMEOUT) != 0:
        raise SystemExit("not all records were delivered")
    for partition, offset, key in reports:
        out("produced", partition, offset, key)


def partitions(consumer, topic):
    metadata = consumer.list_topics(topic, timeout=TIMEOUT)
    return sorted(metadata.topics[topic].partitions)


def consume(bootstrap, topic, count):
    # group.id is mandatory for this client's Consumer; nothing is committed and no group is joined.
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "unused-" + topic,
                         "enable.auto.commit": False})
    consumer.assign([TopicPartition(topic, p, confluent_kafka.OFFSET_BEGINNING)
                     for p in partitions(consumer, topic)])
    received = 0
    deadline = time.time() + TIMEOUT
    while received < count and time.time() < deadline:
        msg = consumer.poll(1.0)
        if msg is None:
            continue
        if msg.error():
            raise KafkaException(msg.error())
        out("record", msg.partition(), msg.offset(), text(msg.key()), text(msg.value()))
        received += 1
    consumer.close()


def group(bootstrap, topic, group_id, count):
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group_id,
                         "auto.offset.reset": "earliest", "enable.auto.commit": False})
    consumer.subscribe([topic])
    next_offsets = {}
    received = 0
    deadline = time.time() + TIMEOUT
    while received < count and time.time() < deadline:
        msg = consumer.poll(1.0)
        if msg is None:
            continue
        if msg.error():
            raise KafkaException(msg.error())
        out("record", msg.partition(), msg.offset(), text(msg.key()), text(msg.value()))
        next_offsets[msg.partition()] = msg.offset() + 1
        received += 1
    if next_offsets:
        committed = consumer.commit(offsets=[TopicPartition(topic, p, o) for p, o in next_offsets.items()],
                                    asynchronous=False)
        for tp in committed:
            if tp.error:
                raise KafkaException(tp.error)
            out("committed", tp.partition, tp.offset)
    consumer.close()


def admin(bootstrap, topic, partition_count):
    client = AdminClient({"bootstrap.servers": bootstrap})
    for future in client.create_topics([NewTopic(topic, num_partitions=partition_count,
                                                 replication_factor=1)]).values():
        future.result(TIMEOUT)
    out("created")
    if topic in client.list_topics(timeout=TIMEOUT).topics:
        out("listed")
    described = client.list_topics(topic, timeout=TIMEOUT).topics[topic]
    if described.error is not None:
        raise KafkaException(described.error)
    out("described", len(described.partitions))
    resource = ConfigResource("topic", topic, set_config={"retention.ms": "3600000"})
    for future in client.alter_configs([resource]).values():
        future.result(TIMEOUT)
    for future in client.describe_configs([ConfigResource("topic", topic)]).values():
        out("configured retention.ms", future.result(TIMEOUT)["retention.ms"].value)
    for future in client.delete_topics([topic]).values():
        future.result(TIMEOUT)
    out("deleted")
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        if topic not in client.list_topics(timeout=TIMEOUT).topics:
            out("gone")
            return
        time.sleep(0.5)


def main(args):
    command = args[0]
    if command == "version":
        out("confluent-kafka", confluent_kafka.version()[0], "librdkafka", confluent_kafka.libversion()[0])
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
