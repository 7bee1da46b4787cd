import { AssignerProtocol, type Assignment, type PartitionAssigner } from 'kafkajs';

/**
 * Which member gets which partitions: partition n of every topic goes to the same member (members taken in sorted
 * order, round robin over partition numbers). Every topic is keyed by complaint id with one partitioner, so one
 * member gets all of a complaint's events and no two members write the same complaint's row at once.
 */
export const coPartitionedAssignment = (memberIds: string[], partitions: Record<string, number[]>): Map<string, Assignment> => {
  const members = [...memberIds].sort();
  const assignment = new Map<string, Assignment>(members.map((m) => [m, {}]));
  for (const [topic, numbers] of Object.entries(partitions)) {
    for (const n of numbers) {
      const member = assignment.get(members[n % members.length])!;
      (member[topic] ??= []).push(n);
    }
  }
  return assignment;
};

/** A kafkajs partition assigner over `coPartitionedAssignment`. */
export const CoPartitionedAssigner: PartitionAssigner = ({ cluster }) => ({
  name: 'RailSewaCoPartitioned',
  version: 0,
  async assign({ members, topics }) {
    const partitions = Object.fromEntries(topics.map((t) => [t, cluster.findTopicPartitionMetadata(t).map((m) => m.partitionId)]));
    const assignment = coPartitionedAssignment(
      members.map((m) => m.memberId),
      partitions,
    );
    return [...assignment].map(([memberId, topicPartitions]) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 0, assignment: topicPartitions, userData: Buffer.alloc(0) }),
    }));
  },
  protocol({ topics }) {
    return { name: 'RailSewaCoPartitioned', metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }) };
  },
});
