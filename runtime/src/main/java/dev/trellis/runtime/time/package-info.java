/**
 * Time and chance, injected: the {@link dev.trellis.runtime.time.Ticker} every deadline, backoff, batch
 * wait, health period and autoscaling delay is read from, and the
 * {@link dev.trellis.runtime.time.RandomSource} routers sample replicas with. Depends on nothing else in
 * Trellis; everything else may use it.
 */
package dev.trellis.runtime.time;
