/**
 * Local mode: every deployment of an application runs in this JVM, each behind a
 * router that balances calls over its replicas by
 * the power of two choices, bounds their concurrency and queues the rest first-in first-out. The same
 * generated graph and handles run here as anywhere else, so applications can be tested and served
 * without a cluster.
 */
package dev.trellis.runtime.local;
