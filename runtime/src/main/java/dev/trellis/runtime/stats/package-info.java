/**
 * What a replica counts of its own work (call outcomes, processing time, queue wait, model loads) and
 * the figures it reports, the same in every topology: a replica process sends them to its controller in
 * its load report, a replica in the controller's JVM hands them over directly.
 */
package dev.trellis.runtime.stats;
