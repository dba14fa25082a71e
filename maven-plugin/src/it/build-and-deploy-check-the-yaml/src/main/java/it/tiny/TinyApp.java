package it.tiny;

import dev.trellis.annotations.Application;

@Application(name = "tiny", ingress = Front.class)
final class TinyApp {}
