package munet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import munet.jobs.ClusterEvolve;
import munet.jobs.ClusterGeneration;
import munet.jobs.Generation;
import munet.jobs.HaltingTrainerFactory;
import munet.jobs.HashLearner;
import munet.jobs.StandaloneCluster;
import munet.jobs.StoreJob;
import munet.jobs.StoreSummary;
import munet.jobs.TinyCharacters;
import munet.jobs.TinyRun;
import munet.store.CandidateRow;
import munet.store.SystemStore;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spark-submit jar on a real standalone cluster: a master and two one-core workers on
 * 127.0.0.1, the driver in the spark-submit JVM, each executor in a JVM of its own.
 */
class StandaloneClusterIT {

    private static final Pattern EXECUTOR_LINE = Pattern.compile(
            "executor (\\S+)  host (\\S+)  pid (\\d+)  pytorch (\\S+)  threads (\\d+)  matmul ok  driver pid (\\d+)");
    private static final Pattern EXECUTOR_NAME = Pattern.compile("executor \\d+ on 127\\.0\\.0\\.1 pid (\\d+)");
    // bounds on a hang, not measures: at load 16 on 2 cores the master and workers took over a minute to start
    private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    static Path dir;

    private static StandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = StandaloneCluster.start(dir, 2, START_TIMEOUT);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void checkClusterRunsPyTorchInTwoExecutorJvmsApartFromTheDriver() throws Exception {
        Process submit = cluster.submit(
                "check-cluster",
                List.of(
                        "--class",
                        Main.class.getName(),
                        "--conf",
                        "spark.ui.enabled=false",
                        "--conf",
                        "spark.executor.memory=1g",
                        jar("munet.sparkJar").toString(),
                        "check-cluster",
                        "--executors",
                        "2",
                        "--wait-seconds",
                        "60"));
        String output = awaitSuccess("check-cluster", submit);

        long driverPid = submit.pid();
        assertTrue(output.contains("master " + cluster.masterUrl() + "  driver pid " + driverPid), output);
        List<Report> executors =
                EXECUTOR_LINE.matcher(output).results().map(Report::of).toList();
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
        Process submit = cluster.submit(
                "generation",
                List.of(
                        "--class",
                        ClusterGeneration.class.getName(),
                        "--jars",
                        jar("munet.testJar").toString(),
                        "--conf",
                        "spark.ui.enabled=false",
                        "--conf",
                        "spark.executor.memory=1g",
                        jar("munet.sparkJar").toString(),
                        "candidate-1"));
        String output = awaitSuccess("generation", submit);

        assertTrue(
                output.contains("Lost executor")
                        && output.contains("Command exited with code " + HashLearner.HALT_STATUS),
                "candidate-1's first executor must have died" + diagnostics());
        List<String> expected = new ArrayList<>();
        new HashLearner(1, "none", false)
                .train(Generation.specs(ClusterGeneration.CANDIDATES))
                .forEach(r -> expected.add("result " + HashLearner.describe(r)));
        assertEquals(
                expected, output.lines().filter(l -> l.startsWith("result ")).toList(), output);
        output.lines().filter(l -> l.contains("Lost")).forEach(l -> System.out.println("StandaloneClusterIT: " + l));
    }

    /**
     * The product's init, evolve and evaluate --verify through spark-submit on the cluster, then the
     * same configuration on local[2]. Compared: what the driver decides before any training (the
     * first generation's parents, mutations and hyperparameters come from the seed alone) and the
     * shape of the result (tasks introduced, committed version, history rows per task and
     * generation). Not compared: accuracies, and so the later generations' parents, which follow
     * the scores; float reductions may differ between thread layouts and machines.
     */
    @Test
    void evolveOnTheClusterTrainsInExecutorsAndBuildsWhatALocalRunBuilds() throws Exception {
        Path work = Files.createDirectories(dir.resolve("evolve"));
        TinyCharacters.generate(work);
        String config =
                TinyCharacters.config(work, "run.conf", TinyCharacters.TASKS, 2).toString();
        String clusterStore =
                work.resolve("cluster-store").toUri().toString(); // file:/..., as executors on other hosts need
        String localStore = work.resolve("local-store").toString();

        awaitSuccess("init", cluster.submit("init", product("init", "--config", config, "--store", clusterStore)));
        assertEquals(
                0,
                Main.run(
                        Main.subcommands(),
                        new String[] {"init", "--config", config, "--store", localStore},
                        System.out,
                        System.err));
        // the local run overlaps the cluster's executor launches and JVM starts, when the CPUs idle
        Process localEvolve = cluster.submit(
                "evolve-local", "local[2]", product("evolve", "--config", config, "--store", localStore));
        Process evolve = cluster.submit("evolve", product("evolve", "--config", config, "--store", clusterStore));
        String leaderboard = awaitSuccess("evolve", evolve);
        awaitSuccess("evolve-local", localEvolve);
        String verify = awaitSuccess(
                "evaluate",
                cluster.submit(
                        "evaluate", product("evaluate", "--verify", "--config", config, "--store", clusterStore)));
        assertTrue(verify.contains("verified: every blob matches its hash"), verify);

        StoreSummary onCluster = StoreSummary.of(clusterStore);
        StoreSummary local = StoreSummary.of(localStore);
        assertEquals(TinyCharacters.TASKS, onCluster.tasks(), leaderboard);
        assertEquals(3, onCluster.version(), "init commits version 1, each task iteration one more");
        assertEquals(
                Map.of("digits/0", 2L, "digits/1", 2L, "letters/0", 2L, "letters/1", 2L),
                onCluster.rowsPerGeneration());
        assertEquals(local.tasks(), onCluster.tasks());
        assertEquals(local.version(), onCluster.version());
        assertEquals(local.rowsPerGeneration(), onCluster.rowsPerGeneration());
        assertEquals(local.root(), onCluster.root(), "init in another JVM draws the same root");
        assertEquals(local.plannedFirst(), onCluster.plannedFirst(), "the seed alone decides the first generation");

        for (String executor : onCluster.executors()) {
            Matcher m = EXECUTOR_NAME.matcher(executor);
            assertTrue(m.matches(), "trained in an executor, not in the driver: " + executor + diagnostics());
            assertNotEquals(evolve.pid(), Long.parseLong(m.group(1)), "an executor ran inside the driver");
        }
        assertEquals(
                List.of("driver on 127.0.0.1 pid " + localEvolve.pid()),
                local.executors(),
                "local[2] trains in the driver JVM");
        System.out.println("StandaloneClusterIT: candidates trained by " + onCluster.executors());
    }

    /**
     * A real evolve generation whose candidate c1 is lost with its executor JVM after its first
     * attempt wrote its blobs: Spark retries it elsewhere, the generation completes and the retry,
     * trained again from the same spec in another JVM, wrote byte-identical blobs (same ids).
     */
    @Test
    void aRealCandidateLostWithItsExecutorIsRetrainedIntoTheSameBlobs() throws Exception {
        TinyStore tiny = TinyStore.initialised(dir.resolve("retry"));
        String config = tiny.config();
        String store = tiny.store();

        String lost = "digits-v1-p0-g0-c1";
        String output = awaitSuccess(
                "evolve-retry",
                cluster.submit(
                        "evolve-retry",
                        application(
                                ClusterEvolve.class.getName(),
                                List.of("--jars", jar("munet.testJar").toString()),
                                "halt:" + lost,
                                "--config",
                                config,
                                "--store",
                                store)));

        assertTrue(
                output.contains("Lost executor")
                        && output.contains("Command exited with code " + HashLearner.HALT_STATUS),
                "the executor training " + lost + " must have died" + diagnostics());
        Matcher wrote = Pattern.compile(Pattern.quote(HaltingTrainerFactory.WROTE + lost) + " (\\{.+}) in (.+)")
                .matcher(cluster.executorLogs());
        assertTrue(wrote.find(), "the first attempt must have written its blobs" + diagnostics());
        SystemStore opened = SystemStore.open(StoreJob.absolute(store), new Configuration());
        assertEquals(2, opened.latestVersion(), "the generation completed and its task iteration committed");
        CandidateRow retried = opened.history().read().stream()
                .filter(r -> r.candidateId().equals(lost))
                .findFirst()
                .orElseThrow();
        assertNotEquals(wrote.group(2), retried.result().executor(), "retrained in another executor JVM");
        assertTrue(retried.result().improved(), "a first candidate always beats the empty score");
        assertEquals(wrote.group(1), new TreeMap<>(retried.result().newComponentIds()).toString());
        System.out.println("StandaloneClusterIT: " + lost + " retried into the same blobs " + wrote.group(1));
    }

    /**
     * A whole worker JVM (the Worker process, not only an executor) SIGKILLed while its executor
     * trains a candidate of a real evolve generation: the master drops the worker, the driver its
     * executor, and the generation completes on the remaining worker, which trains that candidate
     * again; the commit follows and passes {@code evaluate --verify}. A worker replaces the killed
     * one afterwards, for the other tests.
     */
    @Test
    void aWorkerKilledMidGenerationLeavesTheGenerationToTheOtherWorker() throws Exception {
        TinyStore tiny = TinyStore.initialised(dir.resolve("worker-kill"));
        String config = tiny.config();
        String store = tiny.store();

        String stalled = "digits-v1-p0-g0-c1";
        Process evolve = cluster.submit(
                "evolve-worker-kill",
                application(
                        ClusterEvolve.class.getName(),
                        List.of("--jars", jar("munet.testJar").toString()),
                        "stall:" + stalled,
                        "--config",
                        config,
                        "--store",
                        store));
        String killedWorker =
                cluster.workerWhoseExecutorPrinted(HaltingTrainerFactory.STALLED + stalled, SUBMIT_TIMEOUT);
        long killedPid;
        String output;
        try {
            killedPid = cluster.killWorker(killedWorker);
            output = awaitSuccess("evolve-worker-kill", evolve);
        } finally {
            cluster.replaceWorker(killedWorker, 2, START_TIMEOUT);
        }

        Matcher stalledIn = Pattern.compile(Pattern.quote(HaltingTrainerFactory.STALLED + stalled) + " in (.+)")
                .matcher(cluster.executorLogs());
        assertTrue(stalledIn.find(), diagnostics());
        assertTrue(
                cluster.log("master").contains("Removing worker"),
                "the master must have dropped worker " + killedWorker + diagnostics());
        assertTrue(output.contains("Lost executor"), "the driver must have lost its executor" + diagnostics());
        SystemStore opened = SystemStore.open(StoreJob.absolute(store), new Configuration());
        assertEquals(2, opened.latestVersion(), "the generation completed and its task iteration committed");
        List<CandidateRow> rows = opened.history().read();
        assertEquals(
                List.of("digits-v1-p0-g0-c0", stalled),
                rows.stream().map(CandidateRow::candidateId).sorted().toList());
        String retrainedIn = rows.stream()
                .filter(r -> r.candidateId().equals(stalled))
                .findFirst()
                .orElseThrow()
                .result()
                .executor();
        assertNotEquals(stalledIn.group(1), retrainedIn, "retrained by the other worker's executor");
        TinyRun.Result verify = TinyRun.munet("evaluate", "--verify", "--config", config, "--store", store);
        assertEquals(0, verify.exitCode(), verify.err());
        assertTrue(verify.out().contains("verified: every blob matches its hash"), verify.out());
        System.out.println("StandaloneClusterIT: worker " + killedWorker + " (pid " + killedPid + ") killed while "
                + stalled + " trained in " + stalledIn.group(1) + "; retrained in " + retrainedIn);
    }

    /** spark-submit arguments running the product's {@link Main} with {@code args}, one thread per candidate. */
    private static List<String> product(String... args) {
        return application(Main.class.getName(), List.of(), args);
    }

    private static List<String> application(String mainClass, List<String> options, String... args) {
        List<String> submit = new ArrayList<>(List.of(
                "--class",
                mainClass,
                "--conf",
                "spark.task.cpus=1",
                "--conf",
                "spark.executor.memory=1g",
                "--conf",
                "spark.ui.enabled=false"));
        submit.addAll(options);
        submit.add(jar("munet.sparkJar").toString());
        submit.addAll(List.of(args));
        return submit;
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
            return new Report(
                    m.group(1),
                    Long.parseLong(m.group(3)),
                    m.group(4),
                    Integer.parseInt(m.group(5)),
                    Long.parseLong(m.group(6)));
        }
    }

    /** A tiny characters benchmark (digits only) and a store initialised for it, in {@code work}. */
    private record TinyStore(String config, String store) {
        static TinyStore initialised(Path work) throws IOException {
            Files.createDirectories(work);
            TinyCharacters.generate(work);
            String config = TinyCharacters.config(work, "run.conf", List.of("digits"), 1)
                    .toString();
            String store = work.resolve("store").toString();
            assertEquals(
                    0,
                    Main.run(
                            Main.subcommands(),
                            new String[] {"init", "--config", config, "--store", store},
                            System.out,
                            System.err));
            return new TinyStore(config, store);
        }
    }
}
