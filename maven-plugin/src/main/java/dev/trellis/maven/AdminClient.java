package dev.trellis.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/** Calls a running application's admin API with its token; an answer other than 200 fails the goal with its message. */
final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final String token;

    AdminClient(String url, String token) throws MojoFailureException {
        if (token == null || token.isBlank()) {
            throw new MojoFailureException("No admin token: pass -Dtrellis.adminToken=<token> (the application printed"
                    + " it at start) or set TRELLIS_ADMIN_TOKEN");
        }
        try {
            this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("-Dtrellis.adminUrl=" + url + " is not a URL: " + e.getMessage());
        }
        this.token = token.strip();
    }

    JsonNode get(String path) throws MojoExecutionException, MojoFailureException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    JsonNode post(String path, String body) throws MojoExecutionException, MojoFailureException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/yaml")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode send(HttpRequest.Builder request) throws MojoExecutionException, MojoFailureException {
        HttpRequest built = request.header("Authorization", "Bearer " + token).timeout(TIMEOUT).build();
        HttpResponse<String> response;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            response = client.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot reach the admin API at " + built.uri() + ": " + e
                    + " (is the application running, and is -Dtrellis.adminUrl its admin port?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("Interrupted while calling " + built.uri(), e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new MojoExecutionException(built.uri() + " answered " + response.statusCode() + " with a body that is"
                    + " not JSON: " + response.body());
        }
        if (response.statusCode() != 200) {
            throw new MojoFailureException(built.method() + " " + built.uri() + " answered " + response.statusCode()
                    + ": " + body.path("message").asText(response.body()));
        }
        return body;
    }
}
