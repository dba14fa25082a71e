package dev.trellis.samples.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.trellis.runtime.config.NodeResources;
import dev.trellis.runtime.config.Topology;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.server.TrellisServer;
import dev.trellis.runtime.topology.process.ProcessBackend;
import dev.trellis.samples.tagging.TextImages.Style;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: the image-tagging sample runs in this JVM under load (rendered photos
 * posted in a loop, a broken upload among them now and then), headless Chromium opens {@code /dashboard},
 * and every deployment of the sample's graph must be drawn with figures that move while the load runs; a
 * canary applied through the admin API must show its split.
 * In one JVM and with every replica in its own process. Leaves a screenshot taken under load at
 * {@code target/dashboard.png} (the one in docs/ is such a one), and {@code target/dashboard-processes.png}.
 *
 * <p>Chromium and its driver come from Debian's {@code chromium} and {@code chromium-driver} ({@code .ci/run}
 * installs them), named explicitly so that Selenium Manager downloads nothing. Where they are missing the
 * test is skipped with a message, unless {@code TRELLIS_BROWSER_TEST=required} (as CI sets it), where it fails.
 */
class DashboardBrowserTest {

    /** How long the page may take to show a figure; generous for a 2-core machine running the models. */
    private static final Duration PAGE_WAIT = Duration.ofSeconds(20);
    private static final int LOADERS = 3;
    /** The page's size in the screenshot: small enough for the README, large enough to read. */
    private static final Dimension VIEWPORT = new Dimension(1280, 800);
    /** One request in this many is a broken upload, so that the errors the page lists are real ones. */
    private static final int BROKEN_EVERY = 10;

    /** Room for every replica and the canary whatever the machine: placement is not what this test is about. */
    private static final NodeResources NODE = NodeResources.of(8, 32_768, 0);
    private static final String ADMIN_TOKEN = "dashboard-browser-test-token";
    private static final String CANARY_VERSION = "dashboard-canary";
    private static final String CANARY = """
            applications:
              - name: image-tagging
                deployments:
                  - name: TextDetector
                    canary:
                      version: "%s"
                      numReplicas: 1
                      trafficPercent: 25
            """.formatted(CANARY_VERSION);

    @TempDir
    Path profile;

    private TrellisServer server;
    private WebDriver browser;
    private final AtomicBoolean loading = new AtomicBoolean(true);
    private final AtomicLong answered = new AtomicLong();
    private final List<Thread> loaders = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        loading.set(false);
        for (Thread loader : loaders) {
            loader.join(Duration.ofSeconds(30));
        }
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Topology.class, names = {"LOCAL", "PROCESSES"})
    void everyDeploymentIsDrawnAndItsFiguresMoveUnderLoad(Topology topology) throws Exception {
        Path chromium = tool("chromium", Path.of("/usr/bin/chromium"));
        Path driver = tool("chromedriver", Path.of("/usr/bin/chromedriver"));
        // Replica processes find the models as this JVM does.
        List<String> replicaOptions = new ArrayList<>(ProcessBackend.DEFAULT_JAVA_OPTIONS);
        replicaOptions.add("-Dtrellis.ocr.models=" + System.getProperty("trellis.ocr.models"));
        replicaOptions.add("-Djava.awt.headless=true");
        server = TrellisServer.builder().application("image-tagging").host("127.0.0.1").port(0).topology(topology)
                .replicaJavaOptions(replicaOptions).node(NODE).adminPort(0).adminToken(ADMIN_TOKEN).build().start();
        startLoad();
        browser = open(chromium, driver);
        browser.get("http://127.0.0.1:" + server.port() + "/dashboard");
        fitViewport(browser);
        WebDriverWait wait = new WebDriverWait(browser, PAGE_WAIT, Duration.ofMillis(200));
        // The page redraws its tables each second: an element read during a redraw is looked up again.
        wait.ignoring(StaleElementReferenceException.class);

        List<String> deployments = server.application().nodes().stream().map(DeploymentNode::name).toList();
        for (String deployment : deployments) {
            wait.withMessage(() -> deployment + " is not drawn").until(page ->
                    !page.findElements(By.cssSelector("[data-deployment='" + deployment + "']")).isEmpty());
            WebElement node = browser.findElement(By.cssSelector("[data-deployment='" + deployment + "']"));
            assertTrue(node.findElement(By.cssSelector(".name")).getText().startsWith(deployment));
            assertFalse(node.findElement(By.cssSelector(".hints")).getText().isBlank(), deployment + " shows its hints");
        }
        int calls = 0;
        for (DeploymentNode<?> caller : server.application().nodes()) {
            for (String called : caller.dependencies()) {
                assertEquals(1, browser.findElements(By.cssSelector("path.edge[data-from='" + caller.name()
                        + "'][data-to='" + called + "']")).size(), caller.name() + " calls " + called);
                calls++;
            }
        }
        assertEquals(calls, browser.findElements(By.cssSelector("path.edge")).size(), "an arrow per handle call");
        String ingress = server.application().ingress();

        long first = waitForNumber(wait, "requests-total", 1);
        long second = waitForNumber(wait, "requests-total", first + 1);
        assertTrue(second > first, "the request counter moves while the load runs: " + first + " then " + second);
        wait.withMessage("the ingress shows calls per second").until(page -> positive(text(page, "node-" + ingress + "-qps")));
        wait.withMessage("the ingress shows a p99").until(page -> text(page, "node-" + ingress + "-p99")
                .matches("[0-9.]+ m?s"));
        wait.withMessage("the detector shows the sizes of its batches").until(page ->
                text(page, "node-TextDetector-batch-sizes").startsWith("mean "));
        for (String deployment : deployments) {
            wait.withMessage(() -> deployment + " shows its replicas").until(page ->
                    text(page, "node-" + deployment + "-replica-states").contains("running"));
        }
        wait.withMessage("the replica table lists a row per replica").until(page ->
                page.findElements(By.cssSelector("#replica-rows tr")).size() >= deployments.size());
        wait.withMessage("the broken uploads are among the recent errors").until(page ->
                page.findElements(By.cssSelector("#error-rows tr")).stream().anyMatch(row ->
                        row.getText().contains("POST /tag") && row.getText().contains("400")));
        String yaml = browser.findElement(By.id("deployment-yaml")).getDomProperty("textContent");
        assertTrue(yaml.contains("image-tagging") && yaml.contains("TagIngress"), yaml);
        assertFalse(yaml.contains("canary"), yaml);

        // An update: a canary of the detector, applied through the admin API, shows its split once it serves.
        HttpResponse<String> applied = apply(CANARY);
        assertEquals(200, applied.statusCode(), applied.body());
        wait.withMessage("the canary's split is shown").until(page -> page.findElements(By.cssSelector(
                ".update[data-deployment='TextDetector'][data-kind='canary']")).stream()
                .anyMatch(row -> row.getText().contains("serves 25% of the calls")));
        wait.withMessage("the detector's node shows its canary").until(page ->
                text(page, "node-TextDetector-canary").equals("canary 25%"));
        wait.withMessage("the canary's replica is in the table").until(page -> page.findElements(By.cssSelector(
                "#replica-rows tr[data-state='RUNNING']")).stream()
                .anyMatch(row -> row.getText().startsWith("TextDetector (canary)")));
        wait.withMessage("the YAML is the one applied").until(page -> page.findElement(By.id("deployment-yaml"))
                .getDomProperty("textContent").contains(CANARY_VERSION));

        // The picture in docs/ is of the page under load, once its rates cover their whole window.
        // Once a canary has been applied, the window needs five seconds of scrapes again; on a loaded machine
        // in the processes topology that takes longer than the page's usual wait.
        new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(200))
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "the rates cover their window: the detector's batches read '"
                        + text(browser, "node-TextDetector-batch-sizes") + "'")
                .until(page -> text(page, "node-TextDetector-batch-sizes").endsWith(" in 5 s"));
        waitForNumber(wait, "requests-total", waitForNumber(wait, "requests-total", 1) + 1);
        assertEquals("", text(browser, "poll-error"), "every poll was read and shown");
        byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(Files.createDirectories(Path.of("target")).resolve(topology == Topology.LOCAL ? "dashboard.png"
                : "dashboard-" + topology.name().toLowerCase(java.util.Locale.ROOT) + ".png"), png);
        assertTrue(answered.get() > 0, "the load was answered");
    }

    private WebDriver open(Path chromium, Path driver) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=" + VIEWPORT.getWidth() + "," + VIEWPORT.getHeight(),
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** --window-size sizes the window; the page, which the screenshot shows, is smaller by the browser's bars. */
    private static void fitViewport(WebDriver browser) {
        List<?> bars = (List<?>) ((JavascriptExecutor) browser).executeScript(
                "return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]");
        browser.manage().window().setSize(new Dimension(VIEWPORT.getWidth() + ((Number) bars.get(0)).intValue(),
                VIEWPORT.getHeight() + ((Number) bars.get(1)).intValue()));
    }

    private HttpResponse<String> apply(String yaml) throws IOException, InterruptedException {
        try (HttpClient admin = HttpClient.newHttpClient()) {
            return admin.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + "/admin/apply"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Posts photos from {@value #LOADERS} threads until the test ends. */
    private void startLoad() {
        List<byte[]> photos = List.of(
                TextImages.png(TextImages.render(Style.plain(), "HELLO 2026")),
                TextImages.png(TextImages.render(Style.plain().turned(3), "Fresh Bread", "Price $2.50")),
                TextImages.png(TextImages.render(Style.plain(), "EXIT 12")));
        byte[] broken = "this is not an image".getBytes(StandardCharsets.UTF_8);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI tag = URI.create("http://127.0.0.1:" + server.port() + "/tag");
        for (int i = 0; i < LOADERS; i++) {
            int loader = i;
            loaders.add(Thread.ofVirtual().name("dashboard-load-" + i).start(() -> {
                for (int sent = loader; loading.get(); sent++) {
                    byte[] body = sent % BROKEN_EVERY == BROKEN_EVERY - 1 ? broken : photos.get(sent % photos.size());
                    try {
                        client.send(HttpRequest.newBuilder(tag).header("Content-Type", "image/png")
                                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(), HttpResponse.BodyHandlers.discarding());
                        answered.incrementAndGet();
                    } catch (IOException e) {
                        return; // the server is stopping
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
    }

    /** Waits until the element {@code id} shows a whole number of at least {@code atLeast}, and returns it. */
    private static long waitForNumber(WebDriverWait wait, String id, long atLeast) {
        return wait.withMessage(() -> "#" + id + " does not reach " + atLeast).until(page -> {
            String shown = text(page, id);
            return shown.matches("\\d+") && Long.parseLong(shown) >= atLeast ? Long.parseLong(shown) : null;
        });
    }

    private static String text(WebDriver page, String id) {
        List<WebElement> found = page.findElements(By.id(id));
        return found.isEmpty() ? "" : found.get(0).getText().strip();
    }

    private static boolean positive(String shown) {
        try {
            return Double.parseDouble(shown) > 0;
        } catch (NumberFormatException e) {
            return false; // "–" until two scrapes are in
        }
    }

    /** {@code name} on the PATH, else {@code fallback}; skips the test (or fails it where required) without it. */
    private static Path tool(String name, Path fallback) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        if (Files.isExecutable(fallback)) {
            return fallback;
        }
        String why = name + " is not on the PATH (Debian: apt-get install chromium chromium-driver)";
        if ("required".equals(System.getenv("TRELLIS_BROWSER_TEST"))) {
            fail("The dashboard's browser test cannot run: " + why);
        }
        Assumptions.abort("The dashboard's browser test needs Chromium and its driver: " + why);
        return null;
    }
}
