package dev.trellis.runtime.control;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One replica in the status.
 *
 * @param id its identity
 * @param state where it is in its life
 * @param placement what it holds on the node ("cpu 0.5, mem 512m, gpu 0 (0.5)"); empty while pending
 * @param gpuDevice the GPU it was given, if any
 * @param pid its process, for a replica that runs in a process of its own
 * @param reason why it is pending or stopping; empty otherwise
 * @param version the version it runs (or will run, while pending); empty for none
 */
public record ReplicaStatus(String id, ReplicaState state, String placement, OptionalInt gpuDevice, OptionalLong pid,
        String reason, String version) {}
