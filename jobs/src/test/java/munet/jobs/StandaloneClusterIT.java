package munet.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spark-submit jar on a real standalone cluster: a master and two one-core workers on
 * 127.0.0.1, the driver in the spark-submit JVM, each executor in a JVM of its own.
 */
class StandaloneClusterIT {

  private static final Pattern EXECUTOR_LINE =
      Pattern.compile("executor (\\S+)  host (\\S+)  pid (\\d+)  pytorch (\\S+)  threads (\\d+)  matmul ok  driver pid (\\d+)");
  private static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(150);

  @TempDir
  static Path dir;

  private static StandaloneCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = StandaloneCluster.start(dir, 2, Duration.ofSeconds(60));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void checkClusterRunsPyTorchInTwoExecutorJvmsApartFromTheDriver() throws Exception {
    Process submit = cluster.submit("check-cluster", List.of(
        "--class", "munet.jobs.Main", "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=1g",
        jar("munet.sparkJar").toString(), "check-cluster", "--executors", "2", "--wait-seconds", "60"));
    String output = awaitSuccess("check-cluster", submit);

    long driverPid = submit.pid();
    assertTrue(output.contains("master " + cluster.masterUrl() + "  driver pid " + driverPid), output);
    List<Report> executors = EXECUTOR_LINE.matcher(output).results().map(Report::of).toList();
    assertEquals(2, executors.size(), "one line per executor" + diagnostics());
    assertNotEquals(executors.get(0).executorId(), executors.get(1).executorId(), output);
    assertNotEquals(executors.get(0).pid(), executors.get(1).pid(), "two executor JVMs" + diagnostics());
    for (Report executor : executors) {
      assertNotEquals(driverPid, executor.pid(), "an executor ran inside the driver" + diagnostics());
      assertEquals(driverPid, executor.driverPid(), output);
      assertEquals("2.7.1", executor.pytorch(), output);
      assertEquals(1, executor.threads(), "threads follow spark.task.cpus" + diagnostics());
    }
    assertTrue(output.contains("cluster ok"), output);
    executors.forEach(e -> System.out.println("StandaloneClusterIT: " + e)); // the evidence, in the CI log
  }

  @Test
  void aCandidateWhoseExecutorDiesIsRetriedAndTheGenerationIsUnchanged() throws Exception {
    Process submit = cluster.submit("generation", List.of(
        "--class", ClusterGeneration.class.getName(), "--jars", jar("munet.testJar").toString(),
        "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=1g",
        jar("munet.sparkJar").toString(), "candidate-1"));
    String output = awaitSuccess("generation", submit);

    assertTrue(output.contains("Lost executor") && output.contains("Command exited with code " + HashLearner.HALT_STATUS),
        "candidate-1's first executor must have died" + diagnostics());
    List<String> expected = new ArrayList<>();
    new HashLearner(1, "none", false).train(Generation.specs(ClusterGeneration.CANDIDATES))
        .forEach(r -> expected.add("result " + HashLearner.describe(r)));
    assertEquals(expected, output.lines().filter(l -> l.startsWith("result ")).toList(), output);
    output.lines().filter(l -> l.contains("Lost")).forEach(l -> System.out.println("StandaloneClusterIT: " + l));
  }

  private static Path jar(String property) {
    Path jar = Path.of(System.getProperty(property, "(system property " + property + " not set)"));
    assertTrue(Files.isRegularFile(jar), "the jar is built by `mvn package`: " + jar);
    return jar;
  }

  /** Waits for a spark-submit run; its output, or a failure carrying every log of the cluster. */
  private static String awaitSuccess(String name, Process submit) throws InterruptedException, IOException {
    boolean finished = submit.waitFor(SUBMIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (!finished) {
      submit.descendants().forEach(ProcessHandle::destroyForcibly);
      submit.destroyForcibly().waitFor();
    }
    assertTrue(finished, name + " did not finish within " + SUBMIT_TIMEOUT + diagnostics());
    assertEquals(0, submit.exitValue(), name + " failed" + diagnostics());
    return cluster.log(name);
  }

  private static String diagnostics() {
    return "\n" + cluster.diagnostics();
  }

  private record Report(String executorId, long pid, String pytorch, int threads, long driverPid) {
    static Report of(java.util.regex.MatchResult m) {
      return new Report(m.group(1), Long.parseLong(m.group(3)), m.group(4), Integer.parseInt(m.group(5)), Long.parseLong(m.group(6)));
    }
  }
}
