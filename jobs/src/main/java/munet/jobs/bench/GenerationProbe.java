package munet.jobs.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import munet.jobs.RunConfigFile;
import munet.jobs.StoreJob;
import munet.jobs.spark.SparkSessions;
import munet.jobs.spark.StoreEvolution;
import munet.store.SystemStore;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * One µ2Net generation of {@code candidates} candidates of the first configured task, in a JVM
 * of its own on embedded Spark with {@code cores} cores: the candidates running at once share
 * one executor JVM and its frozen root blocks. Prints the generation's Spark job seconds and the
 * JVM's peak resident memory (Linux VmHWM), which {@link BenchPerf} reads from a child process:
 * a peak can only be measured in a fresh JVM.
 */
final class GenerationProbe {
    static final String RESULT = "generation-probe";

    /** What one probe JVM measured. */
    record Result(int cores, int candidates, double jobSeconds, long peakRssKb) {}

    private GenerationProbe() {}

    /** {@code <config file> <root store uri> <fresh store uri> <cores> <candidates>}. */
    public static void main(String[] args) throws Exception {
        int cores = Integer.parseInt(args[3]);
        int candidates = Integer.parseInt(args[4]);
        Config config = RunConfigFile.load(args[0]);
        config = config.withValue(
                        "munet.tasks",
                        ConfigValueFactory.fromIterable(
                                List.of(config.getList("munet.tasks").get(0))))
                .withValue("munet.evolution.samples-per-task", ConfigValueFactory.fromAnyRef(candidates))
                .withValue("munet.evolution.candidates-per-generation", ConfigValueFactory.fromAnyRef(candidates))
                .withValue("munet.evolution.policy", ConfigValueFactory.fromAnyRef("mu2net"));
        try (SparkSession session = SparkSessions.start(
                "munet bench perf probe",
                Map.of("spark.master", "local[" + cores + "]", "spark.ui.enabled", "false"))) {
            SystemStore root = SystemStore.open(args[1], session.sparkContext().hadoopConfiguration());
            SystemStore fresh = SystemStore.open(args[2], session.sparkContext().hadoopConfiguration());
            RootCopy.copy(root, fresh);
            SparkJobTimes jobs = new SparkJobTimes();
            session.sparkContext().addSparkListener(jobs);
            long start = System.currentTimeMillis();
            VariantRecorder recorder = new VariantRecorder();
            new StoreEvolution()
                    .evolve(
                            JavaSparkContext.fromSparkContext(session.sparkContext()),
                            new StoreJob(config, args[2], fresh),
                            recorder,
                            recorder);
            Thread.sleep(500); // the listener bus delivers the job's end event asynchronously
            double seconds =
                    jobs.secondsWithin(start, recorder.generations().get(0).epochMillis());
            System.out.println(RESULT + " " + seconds + " " + peakRssKb());
        }
    }

    /** Runs a probe in a child JVM with this JVM's options and class path. */
    static Result inChildJvm(String configFile, String rootUri, String freshUri, int cores, int candidates)
            throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/java").getPath()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                GenerationProbe.class.getName(),
                configFile,
                rootUri,
                freshUri,
                Integer.toString(cores),
                Integer.toString(candidates)));
        File log = File.createTempFile("munet-probe", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log)
                    .start();
            int exit = process.waitFor();
            List<String> lines = Files.readAllLines(log.toPath(), StandardCharsets.UTF_8);
            String result = lines.stream()
                    .filter(line -> line.startsWith(RESULT + " "))
                    .findFirst()
                    .orElseThrow(() -> new IOException("generation probe (" + cores + " cores, " + candidates
                            + " candidates) exited " + exit + " without a result; its output ends: "
                            + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()))));
            String[] fields = result.split(" ");
            return new Result(cores, candidates, Double.parseDouble(fields[1]), Long.parseLong(fields[2]));
        } finally {
            Files.deleteIfExists(log.toPath());
        }
    }

    private static long peakRssKb() throws IOException {
        for (String line : Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("/proc/self/status has no VmHWM line: peak memory is measured on Linux only");
    }
}
