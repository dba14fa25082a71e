/**
 * What runs inside a replica, in any topology: the instance built from its target
 * ({@link dev.trellis.runtime.replica.ReplicaInstance}), the execution of its calls on virtual threads,
 * batching, the multiplexed models' LRU, streaming, and its health probe.
 */
package dev.trellis.runtime.replica;
