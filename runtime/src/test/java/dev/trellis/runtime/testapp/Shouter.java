package dev.trellis.runtime.testapp;

import java.util.Locale;

/** A second downstream deployment, so the ingress fans out across two. */
public final class Shouter {

    public String shout(String name) {
        return name.toUpperCase(Locale.ROOT) + "!";
    }
}
