import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Readiness probe for the local Kafka broker: succeeds once the broker answers a metadata request and
 * the group coordinator serves a consumer group (which needs __consumer_offsets to exist and have a
 * leader), then the transaction coordinator initialises a transactional producer (which creates
 * __transaction_state on a fresh broker, so the first transaction of a test does not wait for it). Usage: java -cp '<kafka jars>/*:<this class dir>' KafkaReady 127.0.0.1:9092 [timeout seconds]
 */
public class KafkaReady {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(args.length > 1 ? Long.parseLong(args[1]) : 60);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "railsewa-services-ready");
        String last = "no answer yet";
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                try {
                    int brokers = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
                    Map<String, ConsumerGroupDescription> groups = admin
                        .describeConsumerGroups(List.of("railsewa-services-ready-probe"))
                        .all().get(10, TimeUnit.SECONDS);
                    ConsumerGroupDescription g = groups.get("railsewa-services-ready-probe");
                    System.out.println("kafka ready: " + brokers + " broker(s), group coordinator "
                        + g.coordinator().host() + ":" + g.coordinator().port());
                    initTransactions(bootstrap, deadline);
                    return;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof GroupIdNotFoundException) {
                        // Kafka 4 answers "not found" for an unknown group: the coordinator is serving.
                        System.out.println("kafka ready: the group coordinator answers");
                        initTransactions(bootstrap, deadline);
                        return;
                    }
                    last = e.getCause() == null ? e.toString() : e.getCause().toString();
                } catch (Exception e) {
                    last = e.toString();
                }
                Thread.sleep(500);
            }
        }
        System.err.println("kafka not ready: " + last);
        System.exit(1);
    }

    private static void initTransactions(String bootstrap, long deadline) {
        long left = Math.max(5000, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "railsewa-services-ready-probe");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(left));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
        }
        System.out.println("kafka ready: the transaction coordinator answers");
    }
}
