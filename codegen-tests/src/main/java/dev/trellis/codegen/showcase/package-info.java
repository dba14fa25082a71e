/**
 * An application that sends every kind of wire type across an edge: compiled by the processor with
 * warnings as errors, round-tripped by the tests through the generated codecs, and decoded by protoc's
 * classes from the generated {@code showcase.proto}.
 */
package dev.trellis.codegen.showcase;
