package io.tributary.it;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * A group member in its own JVM, so a test can kill it without a goodbye (no LeaveGroup): it prints
 * each record's value before committing it, and "assigned N" after each poll.
 */
public final class GroupMemberProcess {

    private GroupMemberProcess() {
    }

    public static void main(String[] args) {
        String bootstrap = args[0];
        String group = args[1];
        String topic = args[2];
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(GroupMember.settings(bootstrap, group, true))) {
            consumer.subscribe(List.of(topic));
            while (true) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, String> record : records) {
                    System.out.println("record " + record.value());
                }
                System.out.flush();
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
                System.out.println("assigned " + consumer.assignment().size());
                System.out.flush();
            }
        }
    }
}
