package dev.trellis.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.testapp.HelloApplication;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on the application's listener from a PKCS#12 keystore, and mutual TLS with a client truststore;
 * the stores are made with the JDK's keytool for each run.
 */
class IngressTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path stores;

    @BeforeAll
    static void makeStores() throws Exception {
        for (String who : List.of("server", "client")) {
            keytool("-genkeypair", "-alias", who, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + who,
                    "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                    "-keystore", store(who), "-storepass", "changeit");
            keytool("-exportcert", "-alias", who, "-keystore", store(who), "-storepass", "changeit", "-file",
                    stores.resolve(who + ".crt").toString());
        }
        // Each side trusts the other's certificate.
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", stores.resolve("server.crt").toString(),
                "-storetype", "PKCS12", "-keystore", store("trusts-server"), "-storepass", "changeit");
        keytool("-importcert", "-noprompt", "-alias", "client", "-file", stores.resolve("client.crt").toString(),
                "-storetype", "PKCS12", "-keystore", store("trusts-client"), "-storepass", "changeit");
    }

    @Test
    void theListenerServesHttpsAndRefusesPlainHttp() throws Exception {
        TrellisServer server = TrellisServer.builder().application(new HelloApplication()).host("127.0.0.1").port(0)
                .adminPort(-1).tls(Path.of(store("server")), PASSWORD).build().start();
        try (HttpClient https = client(false); HttpClient plain = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = https.send(hello("https", server), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("Hello, Ada!"), answer.body());
            assertThrows(IOException.class, () -> plain.send(hello("http", server), HttpResponse.BodyHandlers.ofString()));
        } finally {
            server.stop();
        }
    }

    @Test
    void withAClientTruststoreOnlyClientsWithATrustedCertificateGetIn() throws Exception {
        TrellisServer server = TrellisServer.builder().application(new HelloApplication()).host("127.0.0.1").port(0)
                .adminPort(-1).tls(Path.of(store("server")), PASSWORD)
                .tlsClientTruststore(Path.of(store("trusts-client")), PASSWORD).build().start();
        try (HttpClient anonymous = client(false); HttpClient known = client(true)) {
            assertThrows(IOException.class, () -> anonymous.send(hello("https", server),
                    HttpResponse.BodyHandlers.ofString()), "a client without a certificate is refused in the handshake");
            assertEquals(200, known.send(hello("https", server), HttpResponse.BodyHandlers.ofString()).statusCode());
        } finally {
            server.stop();
        }
    }

    @Test
    void anUnreadableKeystoreOrAWrongPasswordFailsTheBuildNamingTheFile() {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> TrellisServer.builder()
                .application(new HelloApplication()).tls(Path.of(store("server")), "wrong".toCharArray()).build());
        assertTrue(wrong.getMessage().contains(store("server")), wrong.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> TrellisServer.builder()
                .application(new HelloApplication()).tls(stores.resolve("none.p12"), PASSWORD).build());
        assertTrue(missing.getMessage().contains("none.p12"), missing.getMessage());
        IllegalArgumentException mutualOnly = assertThrows(IllegalArgumentException.class, () -> TrellisServer.builder()
                .application(new HelloApplication()).tlsClientTruststore(Path.of(store("trusts-client")), PASSWORD)
                .build());
        assertEquals("A client truststore (mutual TLS) needs TLS: set the server's keystore", mutualOnly.getMessage());
    }

    private static HttpRequest hello(String scheme, TrellisServer server) {
        return HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + server.port() + "/hello"))
                .header("Content-Type", "application/json").timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}")).build();
    }

    /** A client that trusts the server's certificate, and presents its own when {@code withCertificate}. */
    private static HttpClient client(boolean withCertificate) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(store("trusts-server")));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(store("client")), PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(withCertificate ? keys.getKeyManagers() : null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(TIMEOUT).build();
    }

    private static KeyStore load(String file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static String store(String name) {
        return stores.resolve(name + ".p12").toString();
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new AssertionError("keytool " + String.join(" ", arguments) + " failed: " + output);
        }
    }
}
