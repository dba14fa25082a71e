package it.tiny;

import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Ingress;

@Ingress(path = "/shout")
@Deployment
public final class Front {

    private final ShouterHandle shouter;

    public Front(ShouterHandle shouter) {
        this.shouter = shouter;
    }

    public String shout(String text) {
        return shouter.shout(text).join();
    }
}
