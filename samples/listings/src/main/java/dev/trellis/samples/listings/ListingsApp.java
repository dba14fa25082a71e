package dev.trellis.samples.listings;

import dev.trellis.annotations.Application;

/** The listings application: {@link ListingIngress} and the checkers it calls. */
@Application(name = "listings", ingress = ListingIngress.class)
final class ListingsApp {}
