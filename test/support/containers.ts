import { randomBytes } from 'node:crypto';
import { KafkaContainer } from '@testcontainers/kafka';
import { MySqlContainer } from '@testcontainers/mysql';
import { GenericContainer, Network, Wait, type StartedNetwork, type StartedTestContainer } from 'testcontainers';

/** The images of docker-compose.yml: Kafka (KRaft), Confluent's Schema Registry and MySQL 8. */
const KAFKA_IMAGE = 'confluentinc/cp-kafka:7.9.1';
const REGISTRY_IMAGE = 'confluentinc/cp-schema-registry:7.9.1';
const MYSQL_IMAGE = 'mysql:8.4';

export interface StartedServices {
  /** the settings the tests read (the names of .env.stack) */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts Kafka, the Schema Registry and MySQL in containers on one network (machines with a Docker engine). */
export const startContainers = async (): Promise<StartedServices> => {
  const network: StartedNetwork = await new Network().start();
  const started: StartedTestContainer[] = [];
  try {
    const kafka = await new KafkaContainer(KAFKA_IMAGE).withKraft().withNetwork(network).withNetworkAliases('kafka').start();
    started.push(kafka);
    const registry = await new GenericContainer(REGISTRY_IMAGE)
      .withNetwork(network)
      .withEnvironment({
        SCHEMA_REGISTRY_HOST_NAME: 'schema-registry',
        SCHEMA_REGISTRY_LISTENERS: 'http://0.0.0.0:8081',
        SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS: 'PLAINTEXT://kafka:9092',
        SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL: 'backward',
      })
      .withExposedPorts(8081)
      .withWaitStrategy(Wait.forHttp('/subjects', 8081))
      .start();
    started.push(registry);
    const rootPassword = randomBytes(18).toString('base64url');
    const mysql = await new MySqlContainer(MYSQL_IMAGE).withDatabase('railsewa').withRootPassword(rootPassword).start();
    started.push(mysql);
    return {
      env: {
        KAFKA_BROKERS: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
        SCHEMA_REGISTRY_URL: `http://${registry.getHost()}:${registry.getMappedPort(8081)}`,
        DB_HOST: mysql.getHost(),
        DB_PORT: String(mysql.getPort()),
        // root: every test file makes a database of its own
        DB_USER: 'root',
        DB_PASSWORD: rootPassword,
        DB_NAME: 'railsewa',
      },
      stop: async () => {
        for (const container of started.reverse()) await container.stop();
        await network.stop();
      },
    };
  } catch (error) {
    for (const container of started.reverse()) await container.stop().catch(() => undefined);
    await network.stop().catch(() => undefined);
    throw error;
  }
};
