package dev.trellis.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** A goal that calls a running application's admin API: where it listens, and its token. */
abstract class AdminMojo extends AbstractMojo {

    /** The running application's admin API. */
    @Parameter(property = "trellis.adminUrl", defaultValue = "http://127.0.0.1:8001")
    private String adminUrl;

    /** Its token, as it printed it at start; also read from TRELLIS_ADMIN_TOKEN. */
    @Parameter(property = "trellis.adminToken")
    private String adminToken;

    /** A client of the admin API these parameters name. */
    AdminClient admin() throws MojoFailureException {
        return new AdminClient(adminUrl, adminToken != null ? adminToken : System.getenv("TRELLIS_ADMIN_TOKEN"));
    }
}
