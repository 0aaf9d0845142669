package munet.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import munet.jobs.cli.Main;

/**
 * {@code munet <args>} in a JVM of its own, as the launcher runs it: this test JVM's classpath,
 * the Spark module options (system property {@code munet.sparkModuleOptions}, set by failsafe from
 * the parent pom), munet's INFO log and everything else at WARN on stderr (and through {@link
 * KillPointAppender}, inert unless a test asks for kill points). Output goes to files.
 */
public final class MunetProcess implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private MunetProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code munet <args>} with extra JVM options (e.g. {@code -Dmunet.test.pause-at=...}); logs go to {@code <dir>/<name>.*}. */
    public static MunetProcess start(Path dir, String name, List<String> jvmOptions, String... args)
            throws IOException {
        String moduleOptions = System.getProperty("munet.sparkModuleOptions");
        if (moduleOptions == null) {
            throw new IllegalStateException(
                    "system property munet.sparkModuleOptions is not set: run this test through failsafe (mvn verify)");
        }
        Path logConfig = Files.writeString(dir.resolve(name + ".log4j2.properties"), """
        packages = munet.jobs
        rootLogger.level = warn
        rootLogger.appenderRef.stderr.ref = console
        rootLogger.appenderRef.killpoints.ref = killpoints
        logger.munet.name = munet
        logger.munet.level = info
        appender.killpoints.type = KillPoints
        appender.killpoints.name = killpoints
        appender.console.type = Console
        appender.console.name = console
        appender.console.target = SYSTEM_ERR
        appender.console.layout.type = PatternLayout
        appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n%ex
        """);
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g"));
        command.addAll(Arrays.asList(moduleOptions.trim().split("\\s+")));
        command.addAll(List.of("-Dai.djl.offline=true", "-Dlog4j2.configurationFile=" + logConfig));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(Arrays.asList(args));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        return new MunetProcess(process, out, err);
    }

    /** Waits until stderr has a line containing {@code text}; fails if the process ends first. */
    public void awaitStderrLine(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Files.readAllLines(stderr).stream().noneMatch(l -> l.contains(text))) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        "munet exited with " + process.exitValue() + " before printing '" + text + "'" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("munet did not print '" + text + "' within " + timeout + output());
            }
            Thread.sleep(100); // polling a file, not waiting for time to pass
        }
    }

    /** SIGTERM, what a scheduler (Airflow's on_kill, YARN preemption) or Ctrl-C sends: shutdown hooks run. */
    public void terminate() {
        process.destroy();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL on Linux: no shutdown hook, no finally block, no lease release. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Waits for the exit code; a process still running after {@code timeout} is killed and fails the test. */
    public int awaitExit(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            kill();
            throw new AssertionError("munet did not finish within " + timeout + output());
        }
        return process.exitValue();
    }

    public String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** Both streams, for a failure message. */
    public String output() throws IOException {
        return "\n--- stdout " + stdout + "\n" + Files.readString(stdout) + "\n--- stderr " + stderr + "\n" + stderr();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
