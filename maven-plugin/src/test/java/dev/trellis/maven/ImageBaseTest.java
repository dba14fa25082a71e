package dev.trellis.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageBaseTest {

    @TempDir
    Path directory;

    @Test
    void theLinuxLibrariesOfTheArchitectureAreTakenFromTheJars() {
        assertTrue(ImageBase.isLinuxLibraryFor("amd64", "ai/onnxruntime/native/linux-x64/libonnxruntime.so"));
        assertTrue(ImageBase.isLinuxLibraryFor("amd64",
                "META-INF/native/libio_grpc_netty_shaded_netty_transport_native_epoll_x86_64.so"));
        assertTrue(ImageBase.isLinuxLibraryFor("aarch64",
                "META-INF/native/libio_grpc_netty_shaded_netty_transport_native_epoll_aarch_64.so"));
        assertFalse(ImageBase.isLinuxLibraryFor("amd64",
                "META-INF/native/libio_grpc_netty_shaded_netty_transport_native_epoll_aarch_64.so"));
        assertTrue(ImageBase.isLinuxLibraryFor("amd64",
                "META-INF/native/libio_grpc_netty_shaded_netty_tcnative_linux_x86_64.so"));
        assertTrue(ImageBase.isLinuxLibraryFor("aarch64", "ai/onnxruntime/native/linux-aarch64/libonnxruntime.so"));
        assertFalse(ImageBase.isLinuxLibraryFor("amd64", "ai/onnxruntime/native/linux-aarch64/libonnxruntime.so"));
        assertFalse(ImageBase.isLinuxLibraryFor("aarch64", "ai/onnxruntime/native/linux-x64/libonnxruntime.so"));
        assertFalse(ImageBase.isLinuxLibraryFor("amd64", "ai/onnxruntime/native/osx-x64/libonnxruntime.dylib"));
        assertFalse(ImageBase.isLinuxLibraryFor("amd64", "ai/onnxruntime/native/win-x64/onnxruntime.dll"));
        assertFalse(ImageBase.isLinuxLibraryFor("ppc64le", "ai/onnxruntime/native/linux-x64/libonnxruntime.so"));
    }

    @Test
    void theBaseHoldsAJreAndTheLibrariesItLoadsAtTheirPaths() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "an image base is made on Linux");
        Path root = directory.resolve("root");

        new ImageBase(Path.of(System.getProperty("java.home")), List.of("java.base"), List.of(),
                System.getProperty("os.arch")).writeTo(root);

        assertTrue(Files.isExecutable(root.resolve("opt/java/bin/java")));
        try (Stream<Path> files = Files.walk(root)) {
            List<String> names = files.map(file -> file.getFileName().toString()).toList();
            assertTrue(names.contains("libc.so.6"), names.toString());
            assertTrue(names.stream().anyMatch(name -> name.startsWith("ld-linux")), names.toString());
        }
        assertTrue(Files.readString(root.resolve("etc/passwd")).contains(":" + ImageBase.USER_ID + ":"));
        assertTrue(Files.isDirectory(root.resolve("tmp")));
        // The runtime starts with nothing but those files around it (chroot needs root, which CI has). A chroot
        // has no /proc, from which the loader learns java's $ORIGIN, so the path to the JRE's own libraries is given.
        boolean root0 = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        if (root0 && Files.isExecutable(Path.of("/usr/sbin/chroot"))) {
            ProcessBuilder chroot = new ProcessBuilder("/usr/sbin/chroot", root.toString(), "/opt/java/bin/java", "-version");
            chroot.environment().put("LD_LIBRARY_PATH", "/opt/java/lib:/opt/java/lib/server");
            Process java = chroot.redirectErrorStream(true).start();
            String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(java.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, java.exitValue(), output);
        }
    }
}
