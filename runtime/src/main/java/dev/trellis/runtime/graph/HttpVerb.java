package dev.trellis.runtime.graph;

/** The HTTP methods an ingress route can answer. */
public enum HttpVerb {
    GET,
    POST
}
