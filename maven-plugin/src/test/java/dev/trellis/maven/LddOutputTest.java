package dev.trellis.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LddOutputTest {

    @Test
    void resolvedLibrariesTheLoaderAndMissingNamesAreTold() {
        LddOutput output = LddOutput.parse("""
                /opt/java/lib/libnet.so:
                \tlinux-vdso.so.1 (0x00007ffd4d1f1000)
                \tlibjava.so => /opt/java/lib/libjava.so (0x00007f2c1c5e0000)
                \tlibjvm.so => not found
                \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f2c1c3fe000)
                \t/lib64/ld-linux-x86-64.so.2 (0x00007f2c1c630000)
                """);

        assertEquals(Set.of(Path.of("/opt/java/lib/libjava.so"), Path.of("/lib/x86_64-linux-gnu/libc.so.6"),
                Path.of("/lib64/ld-linux-x86-64.so.2")), output.found());
        assertEquals(Set.of("libjvm.so"), output.missing());
    }

    @Test
    void aLoaderListedWithItsTargetIsNeededAtBothPaths() {
        LddOutput output = LddOutput.parse(
                "\t/lib/ld-linux-aarch64.so.1 => /usr/lib/aarch64-linux-gnu/ld-linux-aarch64.so.1 (0x0000ffff8)\n");

        assertEquals(Set.of(Path.of("/lib/ld-linux-aarch64.so.1"),
                Path.of("/usr/lib/aarch64-linux-gnu/ld-linux-aarch64.so.1")), output.found());
    }

    @Test
    void aStaticFileNeedsNothing() {
        LddOutput output = LddOutput.parse("\tnot a dynamic executable\n");

        assertTrue(output.found().isEmpty());
        assertTrue(output.missing().isEmpty());
    }

    @Test
    void pathsAreNormalisedSoOneFileIsCopiedOnce() {
        LddOutput output = LddOutput.parse("""
                \tlibjli.so => /opt/java/bin/../lib/libjli.so (0x00007f2c1c5e0000)
                \tlibjli.so => /opt/java/lib/libjli.so (0x00007f2c1c5e0000)
                \tlibspace.so => /opt/my libs/libspace.so (0x00007f2c1c5e0000)
                """);

        assertEquals(Set.of(Path.of("/opt/java/lib/libjli.so"), Path.of("/opt/my libs/libspace.so")), output.found());
    }
}
