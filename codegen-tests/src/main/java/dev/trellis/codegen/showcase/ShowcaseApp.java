package dev.trellis.codegen.showcase;

import dev.trellis.annotations.Application;

/** The showcase application. */
@Application(name = "showcase", ingress = Front.class)
final class ShowcaseApp {}
