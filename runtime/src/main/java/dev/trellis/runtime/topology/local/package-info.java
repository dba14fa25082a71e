/**
 * The {@code local} topology's backend: every replica an instance in this JVM, reached by reference.
 */
package dev.trellis.runtime.topology.local;
