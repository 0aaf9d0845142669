package munet.jobs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on 127.0.0.1 (a master and workers, each its own JVM) built
 * from the Spark jars Maven resolved for the tests, as a Spark installation would provide them.
 * The application's own libraries (DJL, config, Gson) are left out of that installation, so a
 * job only runs if the jar it submits carries them.
 */
public final class StandaloneCluster implements AutoCloseable {

    /** Jars of the application and of the test framework, never part of a Spark installation. */
    private static final List<String> NOT_SPARK = List.of(
            "/ai/djl/",
            "/com/typesafe/config/",
            "/com/google/code/gson/",
            "/com/google/errorprone/",
            "/net/java/dev/jna/",
            "/org/junit/",
            "/org/opentest4j/",
            "/org/apiguardian/",
            "/surefire/");

    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

    private final Path root;
    private final Path sparkHome;
    private final List<Process> processes = new ArrayList<>();
    private final Map<String, Process> workers = new TreeMap<>();
    private Process master;
    private final int masterPort = freePort();
    private final int masterUiPort = freePort();

    private StandaloneCluster(Path root) throws IOException {
        this.root = root;
        this.sparkHome = Files.createDirectories(root.resolve("spark-home"));
        Path jars = Files.createDirectories(sparkHome.resolve("jars"));
        for (Path jar : sparkJars()) {
            Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
        }
    }

    /** Starts a master and {@code workers} workers of one core each; returns once all registered. */
    public static StandaloneCluster start(Path root, int workers, Duration timeout)
            throws IOException, InterruptedException {
        StandaloneCluster cluster = new StandaloneCluster(root);
        try {
            cluster.master = cluster.launch(
                    "master",
                    "org.apache.spark.deploy.master.Master",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "" + cluster.masterPort,
                    "--webui-port",
                    "" + cluster.masterUiPort);
            for (int i = 1; i <= workers; i++) {
                cluster.startWorker("worker-" + i);
            }
            cluster.awaitWorkers(workers, timeout);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Starts a worker of one core named {@code name}; its executors run in {@code <root>/work-<name>}. */
    private void startWorker(String name) throws IOException {
        Path work = Files.createDirectories(root.resolve("work-" + name));
        workers.put(
                name,
                launch(
                        name,
                        "org.apache.spark.deploy.worker.Worker",
                        "--host",
                        "127.0.0.1",
                        "--cores",
                        "1",
                        "--memory",
                        "2g",
                        "--webui-port",
                        "" + freePort(),
                        "--work-dir",
                        work.toString(),
                        masterUrl()));
    }

    /**
     * The worker one of whose executors has printed a line containing {@code text} on stderr,
     * waiting up to {@code timeout} for it.
     */
    public String workerWhoseExecutorPrinted(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Path file : logFiles(p -> p.getFileName().toString().equals("stderr"))) {
                if (Files.readString(file).contains(text)) {
                    String folder = root.relativize(file).getName(0).toString();
                    return folder.substring("work-".length());
                }
            }
            Thread.sleep(200); // polling the executors' logs, not waiting for time to pass
        }
        throw new IllegalStateException("no executor printed '" + text + "' within " + timeout + diagnostics());
    }

    /** SIGKILLs the JVM of worker {@code name}, not its executors: they find their worker gone. Returns its pid. */
    public long killWorker(String name) throws InterruptedException {
        Process worker = workers.remove(name);
        worker.destroyForcibly().waitFor();
        processes.remove(worker);
        return worker.pid();
    }

    /** Starts a worker in place of the killed {@code name}; returns once the master counts {@code workerCount}. */
    public void replaceWorker(String name, int workerCount, Duration timeout) throws IOException, InterruptedException {
        startWorker(name + "-replacement");
        awaitWorkers(workerCount, timeout);
    }

    public String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** Starts {@code spark-submit} (its main class) in client mode: the driver runs in that process. */
    public Process submit(String name, List<String> submitArgs) throws IOException {
        return submit(name, masterUrl(), submitArgs);
    }

    /** Like {@link #submit(String, List)} to another master, e.g. {@code local[2]} from the same installation. */
    public Process submit(String name, String master, List<String> submitArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("--master", master, "--deploy-mode", "client"));
        args.addAll(submitArgs);
        return launch(name, "org.apache.spark.deploy.SparkSubmit", args.toArray(String[]::new));
    }

    public String log(String name) throws IOException {
        return Files.readString(root.resolve("logs").resolve(name + ".log"));
    }

    /** The whole stderr of every executor the workers have launched so far. */
    public String executorLogs() throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path file : logFiles(p ->
                p.toString().contains("/work-") && p.getFileName().toString().equals("stderr"))) {
            text.append(Files.readString(file));
        }
        return text.toString();
    }

    /** Every log of the cluster, executors' included: what a failing test must show. */
    public String diagnostics() {
        StringBuilder text = new StringBuilder();
        try {
            for (Path file : logFiles(
                    p -> p.startsWith(root.resolve("logs")) || p.toString().contains("/work-"))) {
                List<String> lines = Files.readAllLines(file);
                text.append("\n===== ").append(root.relativize(file)).append(" (last 60 lines)\n");
                lines.subList(Math.max(0, lines.size() - 60), lines.size())
                        .forEach(l -> text.append(l).append('\n'));
            }
        } catch (IOException | UncheckedIOException e) {
            text.append("\n(could not read the logs: ").append(e).append(")\n");
        }
        return text.toString();
    }

    private List<Path> logFiles(java.util.function.Predicate<Path> which) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(which)
                    .filter(Files::isRegularFile)
                    .filter(p -> !p.toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        }
    }

    /** Stops every process this cluster started, and what they started (executors). */
    @Override
    public void close() {
        for (Process process : reversed(processes)) { // workers before the master, so they need not reconnect
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static List<Process> reversed(List<Process> list) {
        List<Process> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private Process launch(String name, String mainClass, String... args) throws IOException {
        Path log = Files.createDirectories(root.resolve("logs")).resolve(name + ".log");
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        command.addAll(Arrays.asList(
                System.getProperty("munet.sparkModuleOptions", "").trim().split("\\s+")));
        command.addAll(List.of("-cp", sparkHome.resolve("jars") + File.separator + "*", mainClass));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.12");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private void awaitWorkers(int count, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        int alive = 0;
        while (alive < count) {
            if (!master.isAlive() || workers.values().stream().anyMatch(p -> !p.isAlive())) {
                throw new IllegalStateException("a cluster process exited while starting" + diagnostics());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        alive + " of " + count + " workers registered within " + timeout + diagnostics());
            }
            Thread.sleep(300);
            try {
                Matcher matcher = ALIVE_WORKERS.matcher(
                        http.send(request, HttpResponse.BodyHandlers.ofString()).body());
                alive = matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
            } catch (IOException notUpYet) {
                alive = 0;
            }
        }
    }

    /** The test JVM's classpath jars that a Spark installation holds (Surefire/Failsafe may hide it in a manifest jar). */
    private static Set<Path> sparkJars() {
        Set<Path> jars = new LinkedHashSet<>();
        for (String property : List.of("surefire.test.class.path", "java.class.path")) {
            for (String entry : System.getProperty(property, "").split(File.pathSeparator)) {
                Path path = Path.of(entry).toAbsolutePath();
                String unixPath = path.toString().replace(File.separatorChar, '/');
                boolean spark = entry.endsWith(".jar")
                        && Files.isRegularFile(path)
                        && !path.getFileName().toString().startsWith("munet-")
                        && NOT_SPARK.stream().noneMatch(unixPath::contains);
                if (spark) {
                    jars.add(path);
                }
            }
        }
        if (jars.stream().noneMatch(j -> j.getFileName().toString().startsWith("spark-core_"))) {
            throw new IllegalStateException(
                    "no spark-core jar on the test classpath: " + System.getProperty("java.class.path"));
        }
        return jars;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on this machine", e);
        }
    }
}
