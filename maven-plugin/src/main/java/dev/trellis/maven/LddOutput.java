package dev.trellis.maven;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code ldd} says a native file loads: the host files it resolved (the dynamic loader among them) and
 * the names it could not find.
 *
 * @param found the absolute paths at which the libraries are loaded on this host (each one copied to the same path
 *     of an image serves the same program there)
 * @param missing the names ldd reported {@code not found}
 */
record LddOutput(Set<Path> found, Set<String> missing) {

    // "libjvm.so => not found"
    private static final Pattern MISSING = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+not found\\s*$");
    // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f...)"
    private static final Pattern RESOLVED = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+(/.+?)(?:\\s+\\(0x[0-9a-f]+\\))?\\s*$");
    // "/lib64/ld-linux-x86-64.so.2 (0x00007f...)": the loader, named by its absolute path
    private static final Pattern LOADER = Pattern.compile("^\\s*(/.+?)\\s+\\(0x[0-9a-f]+\\)\\s*$");

    LddOutput {
        found = Set.copyOf(found);
        missing = Set.copyOf(missing);
    }

    /** Reads the output of {@code ldd file...}; headers ({@code file:}) and the kernel's vDSO are skipped. */
    static LddOutput parse(String output) {
        Set<Path> found = new LinkedHashSet<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String line : output.split("\n")) {
            Matcher notFound = MISSING.matcher(line);
            if (notFound.matches()) {
                missing.add(notFound.group(1));
                continue;
            }
            Matcher resolved = RESOLVED.matcher(line);
            if (resolved.matches()) {
                // A loader listed as "/lib64/ld-linux-x86-64.so.2 => /usr/lib/..." is looked for at both paths.
                if (resolved.group(1).startsWith("/")) {
                    found.add(Path.of(resolved.group(1)).normalize());
                }
                // "$ORIGIN/../lib" comes back as ".../bin/../lib/...": one file, one spelling.
                found.add(Path.of(resolved.group(2)).normalize());
                continue;
            }
            Matcher loader = LOADER.matcher(line);
            if (loader.matches()) {
                found.add(Path.of(loader.group(1)).normalize());
            }
        }
        return new LddOutput(found, missing);
    }
}
