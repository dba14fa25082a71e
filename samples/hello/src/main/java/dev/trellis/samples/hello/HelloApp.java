package dev.trellis.samples.hello;

import dev.trellis.annotations.Application;

/** The hello application: {@link HelloIngress} and the deployments it calls. */
@Application(name = "hello", ingress = HelloIngress.class)
final class HelloApp {}
