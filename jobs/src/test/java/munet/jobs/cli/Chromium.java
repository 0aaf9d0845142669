package munet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium, for tests that check what a browser makes of a page. {@code ./munet
 * test} installs it when run as root; elsewhere a test needing it is skipped, saying why.
 */
final class Chromium {
    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /** The browser on the PATH; skips the test when there is none and this user could not have installed it. */
    static Chromium findOrSkip() throws IOException {
        Path found = Stream.of(System.getenv("PATH").split(":"))
                .map(dir -> Path.of(dir, "chromium"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        if (found == null) {
            boolean root = Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0);
            assertTrue(
                    !root,
                    "chromium is missing although ./munet test installs it when run as root (apt-get install chromium)");
            Assumptions.abort("chromium is not installed and this user cannot install it: run ./munet test as root,"
                    + " or apt-get install chromium");
        }
        return new Chromium(found);
    }

    /** The page's DOM after the browser parsed and laid it out. */
    String dumpDom(Path page, Path profile) throws IOException, InterruptedException {
        return run(profile, List.of("--dump-dom", page.toUri().toString()));
    }

    /** A PNG of the page's first 1280 x 3600 CSS pixels. */
    Path screenshot(Path page, Path profile, Path png) throws IOException, InterruptedException {
        run(
                profile,
                List.of(
                        "--screenshot=" + png,
                        "--window-size=1280,3600",
                        "--hide-scrollbars",
                        page.toUri().toString()));
        assertTrue(Files.size(png) > 0, png + " written");
        return png;
    }

    private String run(Path profile, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "--headless",
                "--no-sandbox", // root in a container has no user namespace for the sandbox
                "--disable-gpu",
                "--no-first-run",
                "--user-data-dir=" + profile));
        command.addAll(arguments);
        Path log = Files.createTempFile("chromium", ".log");
        Process process =
                new ProcessBuilder(command).redirectError(log.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        // a bound on a hang, not a measurement: the browser takes seconds
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "chromium did not finish");
        assertEquals(0, process.exitValue(), () -> "chromium failed: " + readQuietly(log));
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
