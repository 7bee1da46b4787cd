import { startContainers, type StartedServices } from './containers';

declare global {
  var railsewaContainers: StartedServices | undefined;
}

/**
 * Where the real services come from (chosen by scripts/test.sh in RAILSEWA_TEST_SERVICES): `containers` starts them
 * with testcontainers on the Docker engine; otherwise the tests read KAFKA_BROKERS, SCHEMA_REGISTRY_URL and DB_* from
 * the environment or from the .env.stack of the local services.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.RAILSEWA_TEST_SERVICES !== 'containers') return;
  console.log('\nstarting Kafka, the Schema Registry and MySQL in containers (testcontainers)');
  const services = await startContainers();
  globalThis.railsewaContainers = services;
  Object.assign(process.env, services.env);
}
