/**
 * The bounded hand-over of a streaming call's items from their producer to their reader
 * ({@link dev.trellis.runtime.flow.ItemBuffer}), shared by replicas, routers, the gRPC transport and the
 * HTTP ingress. Depends only on {@code time}.
 */
package dev.trellis.runtime.flow;
