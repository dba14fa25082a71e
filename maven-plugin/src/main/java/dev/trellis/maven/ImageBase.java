package dev.trellis.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The files an application's image needs besides its own classes and jars when it starts from {@code scratch}: a JRE
 * made by {@code jlink} at {@value #JAVA_HOME}, every shared library that the JRE's programs and libraries
 * and the native libraries inside the application's jars (ONNX Runtime's) load, copied from this host at the
 * paths they are loaded from (glibc, its loader, libstdc++, libgcc_s …), a {@code /tmp}, and
 * {@code /etc/passwd} and {@code /etc/group} that name the unprivileged user the image runs as.
 *
 * <p>Copying the host's libraries keeps the build offline and the image small; the image then runs on any
 * Linux of the host's architecture, as a binary built here would. Jib adds the result to the image (its
 * extra-files layer). Only what is linked is found: a library that a program opens by name at run time
 * ({@code dlopen}) is not, which glibc 2.34 and later need for nothing ordinary (name lookup is built in).
 */
final class ImageBase {

    static final String JAVA_HOME = "/opt/java";
    /** The user the image runs as: not root, as Kubernetes' {@code runAsNonRoot} expects. */
    static final int USER_ID = 65532;

    private final Path javaHome;
    private final List<String> modules;
    private final List<Path> jars;
    private final java.util.regex.Pattern libraries;
    private final List<String> warnings = new ArrayList<>();

    /**
     * @param javaHome the JDK whose {@code jlink} makes the JRE (the one running the build)
     * @param modules the JDK modules the JRE holds
     * @param jars the application's runtime class path, searched for native libraries of this host's platform
     * @param arch this host's architecture, as {@code os.arch} names it ({@code amd64}, {@code aarch64})
     */
    ImageBase(Path javaHome, List<String> modules, List<Path> jars, String arch) {
        this.javaHome = javaHome;
        this.modules = List.copyOf(modules);
        this.jars = List.copyOf(jars);
        this.libraries = linuxLibraries(arch);
    }

    /** What {@link #writeTo} noticed and went on: libraries that no one on this host provides. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Writes the files under {@code root} (emptied first), as the image's {@code /}. */
    void writeTo(Path root) throws IOException, InterruptedException {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            throw new IllegalStateException("An image from scratch takes its native libraries from the build host,"
                    + " which must run Linux (this one runs " + System.getProperty("os.name") + "). Set"
                    + " -Dtrellis.image.base to a base image that has a Java 21 runtime instead.");
        }
        Files.createDirectories(root.getParent());
        deleteRecursively(root);
        Path jre = root.resolve(JAVA_HOME.substring(1));
        jlink(jre);
        Path scratch = Files.createTempDirectory("trellis-image-natives");
        try {
            List<Path> natives = new ArrayList<>(nativeFilesOf(jre));
            natives.addAll(extractJarNatives(scratch));
            Set<String> provided = new TreeSet<>();
            natives.forEach(file -> provided.add(file.getFileName().toString()));
            LddOutput needed = ldd(natives);
            for (Path library : needed.found()) { // normalised by LddOutput: one path, one copy
                if (!library.startsWith(jre) && !library.startsWith(scratch)) {
                    Path target = root.resolve(library.toString().substring(1));
                    Files.createDirectories(target.getParent());
                    Files.copy(library, target); // follows links: the image gets the file under the name asked for
                }
            }
            for (String name : needed.missing()) {
                if (!provided.contains(name) && !name.startsWith("libjvm.so") && !providedUnderVersion(name, provided)) {
                    warnings.add(name + " is needed but not found on this host, so the image lacks it and what loads"
                            + " it will fail there: install the package that has it on the build host, or build on"
                            + " -Dtrellis.image.base=<an image that has it>");
                }
            }
        } finally {
            deleteRecursively(scratch);
        }
        Files.createDirectories(root.resolve("tmp"));
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/sbin/nologin\n"
                + "nonroot:x:" + USER_ID + ":" + USER_ID + ":nonroot:/tmp:/sbin/nologin\n", StandardCharsets.US_ASCII);
        Files.writeString(root.resolve("etc/group"), "root:x:0:\nnonroot:x:" + USER_ID + ":\n",
                StandardCharsets.US_ASCII);
    }

    /** {@code libonnxruntime.so.1} is the file {@code libonnxruntime.so} that ONNX Runtime loads itself first. */
    private static boolean providedUnderVersion(String name, Set<String> provided) {
        int so = name.indexOf(".so.");
        return so > 0 && provided.contains(name.substring(0, so + 3));
    }

    private void jlink(Path jre) throws IOException, InterruptedException {
        Path jlink = javaHome.resolve("bin/jlink");
        if (!Files.isExecutable(jlink)) {
            throw new IllegalStateException("The JDK at " + javaHome + " has no jlink to make the image's Java"
                    + " runtime with; run the build with a full JDK 21 or newer.");
        }
        jlinkOrFail(List.of(jlink.toString(), "--add-modules", String.join(",", modules), "--strip-debug",
                "--no-header-files", "--no-man-pages", "--output", jre.toString()));
    }

    private static List<Path> nativeFilesOf(Path jre) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> bin = Files.list(jre.resolve("bin"))) {
            bin.filter(Files::isRegularFile).forEach(files::add);
        }
        try (Stream<Path> lib = Files.walk(jre.resolve("lib"))) {
            lib.filter(file -> file.getFileName().toString().endsWith(".so") || file.endsWith("jspawnhelper"))
                    .forEach(files::add);
        }
        return files;
    }

    /** The shared libraries of this platform inside the jars, e.g. {@code ai/onnxruntime/native/linux-x64/}. */
    private List<Path> extractJarNatives(Path into) throws IOException {
        List<Path> extracted = new ArrayList<>();
        for (Path jar : jars) {
            if (!jar.getFileName().toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
                continue;
            }
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    if (!entry.isDirectory() && isLibrary(libraries, entry.getName())) {
                        // A folder each, so that two jars' libraries of one name both keep it.
                        Path file = Files.createDirectories(into.resolve(String.valueOf(extracted.size())))
                                .resolve(Path.of(entry.getName()).getFileName());
                        try (InputStream in = zip.getInputStream(entry)) {
                            Files.copy(in, file);
                        }
                        extracted.add(file);
                    }
                }
            }
        }
        return extracted;
    }

    /**
     * Whether a jar entry is a Linux shared library for {@code arch}: {@code ai/onnxruntime/native/linux-x64/},
     * Netty's {@code META-INF/native/lib..._tcnative_linux_x86_64.so} and {@code lib..._epoll_aarch_64.so},
     * {@code .../linux-aarch64/} and the like.
     */
    static boolean isLinuxLibraryFor(String arch, String entry) {
        return isLibrary(linuxLibraries(arch), entry);
    }

    private static boolean isLibrary(java.util.regex.Pattern libraries, String entry) {
        String name = entry.toLowerCase(Locale.ROOT);
        return (name.endsWith(".so") || name.contains(".so.")) && libraries.matcher(name).find();
    }

    private static java.util.regex.Pattern linuxLibraries(String arch) {
        String names = switch (arch) {
            case "amd64", "x86_64" -> "(x86[-_]64|x64|amd64)";
            case "aarch64", "arm64" -> "(aarch[-_]?64|arm64)";
            default -> java.util.regex.Pattern.quote(arch);
        };
        // Netty's epoll transport is Linux-only and says so by "epoll" alone.
        return java.util.regex.Pattern.compile("(linux|epoll)[-_]" + names + "([/._-]|$)");
    }

    private static LddOutput ldd(List<Path> files) throws IOException, InterruptedException {
        Set<Path> found = new LinkedHashSet<>();
        Set<String> missing = new LinkedHashSet<>();
        for (Path file : files) {
            // One file at a time: ldd stops at the first file that is not dynamic (a static helper), which
            // it reports with exit status 1 and nothing needed.
            Finished ldd = run(List.of("ldd", file.toString()), Duration.ofMinutes(1));
            LddOutput one = LddOutput.parse(ldd.output());
            found.addAll(one.found());
            missing.addAll(one.missing());
        }
        return new LddOutput(found, missing);
    }

    private void jlinkOrFail(List<String> command) throws IOException, InterruptedException {
        Finished jlink = run(command, Duration.ofMinutes(10));
        if (jlink.status() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + jlink.status() + "): "
                    + jlink.output().strip());
        }
    }

    private record Finished(int status, String output) {}

    /** Runs a command to its end within {@code deadline}, its output kept in a file (a pipe could fill and block it). */
    private static Finished run(List<String> command, Duration deadline) throws IOException, InterruptedException {
        Path output = Files.createTempFile("trellis-image", ".out");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot run " + command.get(0) + " (" + e.getMessage() + "): an image"
                        + " from scratch needs it on the build host (ldd comes with glibc: Debian's libc-bin)", e);
            }
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + deadline);
            }
            return new Finished(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** {@code directory}, made if needed, with nothing in it. */
    static void emptyDirectory(Path directory) throws IOException {
        deleteRecursively(directory);
        Files.createDirectories(directory);
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
