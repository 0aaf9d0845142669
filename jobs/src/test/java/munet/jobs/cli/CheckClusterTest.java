package munet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** check-cluster on embedded Spark: the same probe the standalone-cluster test runs in executors. */
class CheckClusterTest {

    @Test
    void embeddedSparkRunsPyTorchInEveryTaskSlot() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = new CheckClusterCommand().run(List.of());
        } finally {
            System.setOut(original);
        }
        String report = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, report);
        long pid = ProcessHandle.current().pid();
        assertTrue(report.contains("master local[*]  driver pid " + pid), report);
        // embedded: the executor is the driver's own JVM
        assertTrue(report.contains("executor driver  host "), report);
        assertTrue(
                report.contains("  pid " + pid + "  pytorch 2.7.1  threads 1  matmul ok  driver pid " + pid), report);
        assertTrue(report.endsWith("cluster ok\n"), report);
    }
}
