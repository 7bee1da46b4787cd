import type { ComplaintEvent } from '../../src/events/complaint';
import { loadCheckpoints } from '../../src/projections/checkpoints';
import { complaintHistoryProjection, readComplaintHistory } from '../../src/projections/complaint-history';
import { readGenerations } from '../../src/projections/generations';
import { liveTables } from '../../src/projections/projection';
import { rebuildRegistered } from '../../src/roles/projections';
import {
  aComplaintAssigned,
  aComplaintClassified,
  aComplaintNoteAdded,
  aComplaintReceived,
  aComplaintResolved,
  aResponseGiven,
} from '../support/fixtures';
import { newDeployment, type StackDeployment } from '../support/stack';
import { until } from '../support/until';

const history = liveTables(complaintHistoryProjection);

const lifeOf = (): ComplaintEvent[] => {
  const received = aComplaintReceived();
  const id = received.data.complaintId;
  return [received, aComplaintClassified(id), aComplaintAssigned(id), aComplaintNoteAdded(id), aResponseGiven(id), aComplaintResolved(id)];
};

const dump = (deployment: StackDeployment) =>
  deployment.runtime.store.query<Record<string, unknown>>('SELECT event_id, complaint_id, type, at, actor, changes FROM complaint_history ORDER BY event_id');

const count = async (deployment: StackDeployment) => Number((await deployment.runtime.store.query<{ n: number }>('SELECT COUNT(*) AS n FROM complaint_history'))[0].n);

describe('complaint_history on Kafka + MariaDB, two projector processes', () => {
  let deployment: StackDeployment;
  beforeAll(async () => {
    deployment = await newDeployment('history_kafka');
  }, 120_000);
  afterAll(() => deployment?.dispose());

  it('shares the partitions between projectors, and a rebuild swaps in rows equal to the live ones while they run on', async () => {
    const { runtime } = deployment;
    const lives = Array.from({ length: 60 }, lifeOf);
    for (const life of lives) await runtime.events.append(life);
    await deployment.start('projector');
    await deployment.start('projector');
    await until(async () => (await count(deployment)) === 60 * 6, 'both projectors to apply every event', 120_000, 200);
    for (const topic of [runtime.topics.raw, runtime.topics.responses]) {
      const checkpoints = await loadCheckpoints(runtime.store, history.checkpoints, topic);
      expect(checkpoints).toEqual(await runtime.events.log.endOffsets(topic));
    }
    const live = await dump(deployment);

    const rebuilt = await rebuildRegistered(complaintHistoryProjection, runtime);
    expect(rebuilt.events).toBeGreaterThanOrEqual(60 * 6);
    expect(await dump(deployment)).toEqual(live);
    expect((await readGenerations(runtime.store)).get('complaint_history')?.generation).toBe(2);

    const later = lifeOf();
    await runtime.events.append(later);
    await until(async () => (await readComplaintHistory(runtime.store, later[0].data.complaintId)).length === 6, 'the projectors to carry on after the swap', 60_000, 200);
    expect(await count(deployment)).toBe(61 * 6);
  }, 240_000);
});
