package munet.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spark-submit jar on a real standalone cluster: a master and two one-core workers on
 * 127.0.0.1, the driver in the spark-submit JVM, each executor in a JVM of its own that loads
 * PyTorch from the submitted jar.
 */
class StandaloneClusterIT {

  private static final Pattern EXECUTOR_LINE =
      Pattern.compile("executor (\\S+)  host (\\S+)  pid (\\d+)  pytorch (\\S+)  threads (\\d+)  matmul ok  driver pid (\\d+)");

  @TempDir
  Path dir;

  @Test
  void checkClusterRunsPyTorchInTwoExecutorJvmsApartFromTheDriver() throws Exception {
    Path jar = Path.of(System.getProperty("munet.sparkJar", "target/munet-jobs-spark.jar"));
    assertTrue(Files.isRegularFile(jar), "the spark-submit jar is built by `mvn package`: " + jar);
    try (StandaloneCluster cluster = StandaloneCluster.start(dir, 2, Duration.ofSeconds(60))) {
      Process submit = cluster.submit("submit", List.of(
          "--class", "munet.jobs.Main",
          "--conf", "spark.ui.enabled=false",
          "--conf", "spark.executor.memory=1g",
          jar.toString(), "check-cluster", "--executors", "2", "--wait-seconds", "60"));
      boolean finished = submit.waitFor(150, TimeUnit.SECONDS);
      if (!finished) {
        submit.descendants().forEach(ProcessHandle::destroyForcibly);
        submit.destroyForcibly();
      }
      String output = cluster.log("submit");
      String context = "\n" + cluster.diagnostics();
      assertTrue(finished, "spark-submit did not finish within 150 s" + context);
      assertEquals(0, submit.exitValue(), "spark-submit failed" + context);

      long driverPid = submit.pid();
      assertTrue(output.contains("master " + cluster.masterUrl() + "  driver pid " + driverPid), output);
      Matcher lines = EXECUTOR_LINE.matcher(output);
      List<MatchResult> executors = lines.results().map(MatchResult::of).toList();
      assertEquals(2, executors.size(), "one report per executor core" + context);
      assertNotEquals(executors.get(0).executorId(), executors.get(1).executorId(), output);
      assertNotEquals(executors.get(0).pid(), executors.get(1).pid(), "two executor JVMs" + context);
      for (MatchResult executor : executors) {
        assertNotEquals(driverPid, executor.pid(), "an executor ran inside the driver" + context);
        assertEquals(driverPid, executor.driverPid(), output);
        assertEquals("2.7.1", executor.pytorch(), output);
        assertEquals(1, executor.threads(), "threads follow spark.task.cpus" + context);
      }
      assertTrue(output.contains("cluster ok"), output);
      executors.forEach(e -> System.out.println("StandaloneClusterIT: " + e)); // the evidence, in the CI log
    }
  }

  private record MatchResult(String executorId, long pid, String pytorch, int threads, long driverPid) {
    static MatchResult of(java.util.regex.MatchResult m) {
      return new MatchResult(m.group(1), Long.parseLong(m.group(3)), m.group(4), Integer.parseInt(m.group(5)), Long.parseLong(m.group(6)));
    }
  }
}
