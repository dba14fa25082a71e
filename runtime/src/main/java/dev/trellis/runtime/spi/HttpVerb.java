package dev.trellis.runtime.spi;

/** The HTTP methods an ingress route can answer. */
public enum HttpVerb {
    GET,
    POST
}
