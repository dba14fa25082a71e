/**
 * The transport between processes: a deployment's gRPC service over its router
 * ({@link dev.trellis.runtime.grpc.DeploymentGrpcService}), the client of a replica in another process
 * ({@link dev.trellis.runtime.grpc.RemoteReplica}), the typed client of an application's ingress, and the
 * controller's control protocol to replica processes ({@link dev.trellis.runtime.grpc.ControlProtocol}),
 * all on the protobuf wire the generated codecs write.
 */
package dev.trellis.runtime.grpc;
