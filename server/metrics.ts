import { Counter, Gauge, Histogram, Registry } from 'prom-client'

/** Prometheus metrics of one server instance (its own registry, so two servers can share a process). */
export class Metrics {
  readonly registry = new Registry()
  readonly connections = new Gauge({ name: 'jointplan_connections', help: 'Open websocket connections', registers: [this.registry] })
  readonly rooms = new Gauge({ name: 'jointplan_rooms', help: 'Rooms loaded in memory', registers: [this.registry] })
  readonly messagesIn = new Counter({ name: 'jointplan_messages_received_total', help: 'Websocket messages received', registers: [this.registry] })
  readonly messagesOut = new Counter({ name: 'jointplan_messages_sent_total', help: 'Websocket messages sent', registers: [this.registry] })
  readonly bytesIn = new Counter({ name: 'jointplan_bytes_received_total', help: 'Websocket payload bytes received', registers: [this.registry] })
  readonly bytesOut = new Counter({ name: 'jointplan_bytes_sent_total', help: 'Websocket payload bytes sent', registers: [this.registry] })
  readonly refused = new Counter({
    name: 'jointplan_upgrades_refused_total',
    help: 'Websocket upgrades refused, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  })
  readonly closedForCause = new Counter({
    name: 'jointplan_connections_closed_for_cause_total',
    help: 'Connections the server closed because of what they sent',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  })
  readonly writesDenied = new Counter({
    name: 'jointplan_writes_denied_total',
    help: 'Updates dropped because the sender’s role may not write that room',
    registers: [this.registry],
  })
  readonly writesIncomplete = new Counter({
    name: 'jointplan_writes_incomplete_total',
    help: 'Updates not taken because they refer to changes the room lacks (the sender is asked for them)',
    registers: [this.registry],
  })
  readonly presenceDropped = new Counter({
    name: 'jointplan_presence_dropped_total',
    help: 'Presence entries dropped: over the rate, or for a client id another socket announced',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  })
  readonly httpErrors = new Counter({
    name: 'jointplan_http_errors_total',
    help: 'HTTP requests answered with an error status: refused API calls, parser errors, failed handlers',
    labelNames: ['status'] as const,
    registers: [this.registry],
  })
  readonly unhandledRejections = new Counter({
    name: 'jointplan_unhandled_rejections_total',
    help: 'Promise rejections nothing handled (logged; the server goes on)',
    registers: [this.registry],
  })
  readonly applySeconds = new Histogram({
    name: 'jointplan_update_apply_seconds',
    help: 'Time to decode, check and accept one incoming Yjs update',
    buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5],
    registers: [this.registry],
  })
  readonly compactionSeconds = new Histogram({
    name: 'jointplan_compaction_seconds',
    help: 'Time to merge a room’s updates into a checkpoint, in the compaction process',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  })
  readonly storageWriteSeconds = new Histogram({
    name: 'jointplan_storage_write_seconds',
    help: 'Time to commit one batch of updates to the log',
    buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
    registers: [this.registry],
  })
  readonly roomLoadSeconds = new Histogram({
    name: 'jointplan_room_load_seconds',
    help: 'Time to load a room from storage (checkpoint and tail) into memory',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  })
  readonly checkpointsWritten = new Counter({
    name: 'jointplan_checkpoints_written_total',
    help: 'Checkpoints this instance wrote (a round another instance had written already is not written again)',
    registers: [this.registry],
  })
  readonly storageWriteFailures = new Counter({
    name: 'jointplan_storage_write_failures_total',
    help: 'Failed log writes (retried; nothing is broadcast until they succeed)',
    registers: [this.registry],
  })
  readonly storageLoadFailures = new Counter({
    name: 'jointplan_storage_load_failures_total',
    help: 'Failed room loads (the client is refused, never given an empty doc)',
    registers: [this.registry],
  })
}
