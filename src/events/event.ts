/** An event is a fact in the past tense: `{ type, data, metadata }`, its type equal to its Avro record name. */
export interface EventMetadata {
  /** UUID, the idempotency key */
  eventId: string;
  occurredAt: string;
  correlationId: string;
  causationId: string | null;
}

export interface Event<Type extends string, Data extends { complaintId: string }> {
  type: Type;
  data: Data;
  metadata: EventMetadata;
}
