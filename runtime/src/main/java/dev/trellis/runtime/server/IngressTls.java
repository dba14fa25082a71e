package dev.trellis.runtime.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS on the application's listener (HTTP and the gRPC ingress): the server's key and certificate from a
 * PKCS#12 keystore and, for mutual TLS, a truststore of the certificates (or their authorities) a client
 * must present; without one, clients are not asked for a certificate.
 *
 * @param keystore the server's PKCS#12 keystore: its private key and certificate chain
 * @param keystorePassword the keystore's (and its key's) password
 * @param clientTruststore for mutual TLS, the PKCS#12 truststore clients' certificates must chain to
 * @param clientTruststorePassword its password
 */
record IngressTls(Path keystore, char[] keystorePassword, Optional<Path> clientTruststore,
        char[] clientTruststorePassword) {

    IngressTls {
        Objects.requireNonNull(keystore, "keystore");
        keystorePassword = keystorePassword.clone();
        clientTruststorePassword = clientTruststorePassword.clone();
    }

    /** Whether clients must present a certificate the truststore accepts. */
    boolean mutual() {
        return clientTruststore.isPresent();
    }

    /**
     * The server's TLS context.
     *
     * @throws IllegalArgumentException naming the file, if a store cannot be read, its password is wrong or
     *     it holds no key
     */
    SSLContext sslContext() {
        try {
            KeyStore keys = load(keystore, keystorePassword);
            if (Collections.list(keys.aliases()).stream().noneMatch(alias -> isKey(keys, alias))) {
                throw new IllegalArgumentException("the TLS keystore " + keystore + " holds no private key");
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, keystorePassword);
            TrustManagerFactory trustManagers = null;
            if (clientTruststore.isPresent()) {
                trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trustManagers.init(load(clientTruststore.get(), clientTruststorePassword));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers == null ? null : trustManagers.getTrustManagers(),
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS could not be set up from " + keystore + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, char[] password) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        } catch (IOException e) {
            // A wrong password surfaces as an IOException whose cause is an UnrecoverableKeyException.
            throw new IllegalArgumentException("the TLS store " + file + " could not be read: " + e.getMessage(), e);
        }
        return store;
    }

    private static boolean isKey(KeyStore keys, String alias) {
        try {
            return keys.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "IngressTls[" + keystore + (mutual() ? ", clients checked against " + clientTruststore.get() : "") + "]";
    }
}
