package munet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import munet.jobs.UserError;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

class MainTest {

    /** A subcommand that fails the way its first argument names, or records its arguments. */
    @Command(name = "probe", header = "fails on request", customSynopsis = "munet probe [user|io|bug|value]")
    private static final class Probe implements Subcommand {
        @Parameters(hidden = true)
        List<String> received;

        @Override
        public Integer call() throws Exception {
            switch (received == null ? "" : received.get(0)) {
                case "user" -> throw new UserError("store /x is locked by another job");
                case "value" ->
                    throw new IllegalArgumentException("config key munet.evolve.generations must be a number");
                case "io" -> throw new IOException("cannot write /read-only/store");
                case "bug" -> throw new IllegalStateException("inconsistent\nsecond line");
                default -> {
                    return 0;
                }
            }
        }
    }

    private final Probe probe = new Probe();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(
                List.of(probe, new CheckClusterCommand()),
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEverySubcommandWithItsSummary() {
        assertEquals(0, run("--help"));
        assertTrue(out().contains("probe") && out().contains("fails on request"), out());
        assertTrue(out().contains("check-cluster"), out());
    }

    @Test
    void noSubcommandPrintsTheListAsAnError() {
        assertEquals(2, run());
        assertTrue(err().contains("usage: munet"), err());
    }

    @Test
    void anUnknownSubcommandIsOneLineAndExitCodeTwo() {
        assertEquals(2, run("evolv"));
        assertEquals("munet: unknown subcommand 'evolv'; run munet --help for the list\n", err());
    }

    @Test
    void subcommandHelpPrintsItsUsageWithoutRunningIt() {
        assertEquals(0, run("probe", "user", "--help"));
        assertEquals("usage: munet probe [user|io|bug|value]\n", out());
        assertEquals(null, probe.received);
    }

    @Test
    void argumentsAfterTheNameReachTheSubcommandWithoutVerbose() {
        assertEquals(0, run("--verbose", "probe", "a", "b"));
        assertEquals(List.of("a", "b"), probe.received);
    }

    @Test
    void aUserErrorIsOneLineAndExitCodeTwo() {
        assertEquals(2, run("probe", "user"));
        assertEquals("munet probe: store /x is locked by another job\n", err());
    }

    @Test
    void aBadValueIsAUserErrorWithTheHintForDetails() {
        assertEquals(2, run("probe", "value"));
        assertEquals(
                "munet probe: config key munet.evolve.generations must be a number\n"
                        + "munet probe: rerun with --verbose for the stack trace\n",
                err());
    }

    @Test
    void anIoFailureExitsOneWithTheHint() {
        assertEquals(1, run("probe", "io"));
        assertEquals(
                "munet probe: cannot write /read-only/store\nmunet probe: rerun with --verbose for the stack trace\n",
                err());
    }

    @Test
    void anUnexpectedFailureNamesItsTypeAndOnlyItsFirstLine() {
        assertEquals(1, run("probe", "bug"));
        assertTrue(err().startsWith("munet probe: IllegalStateException: inconsistent\n"), err());
        assertFalse(err().contains("second line"), err());
    }

    @Test
    void verbosePrintsTheStackTrace() {
        assertEquals(1, run("probe", "io", "--verbose"));
        assertTrue(err().contains("at munet.jobs.cli.MainTest$Probe.call"), err());
    }

    @Test
    void badOptionsOfARealSubcommandAreUserErrors() {
        assertEquals(2, run("check-cluster", "--executors", "two"));
        assertEquals("munet check-cluster: option --executors must be a whole number, got 'two'\n", err());
        err.reset();
        assertEquals(2, run("check-cluster", "--workers", "2"));
        assertEquals("munet check-cluster: unknown option --workers; known: --executors, --wait-seconds\n", err());
    }

    @Test
    void subcommandNamesAreUnique() {
        List<String> names = Main.subcommands().stream().map(Subcommand::name).toList();
        assertEquals(names.stream().distinct().toList(), names);
    }
}
