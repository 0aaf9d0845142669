package munet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import munet.jobs.UserError;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** How every subcommand parses its arguments ({@link Subcommand#run}) and names what it rejects. */
class CommandLineTest {

    @Command(name = "sample")
    private static final class Sample implements Subcommand {
        @Option(names = "--config")
        String config = "fallback";

        @Option(names = "--tasks")
        String tasks;

        @Parameters
        List<String> positional;

        @Override
        public Integer call() {
            return 0;
        }
    }

    private static Sample parsed(String... args) throws Exception {
        Sample sample = new Sample();
        sample.run(List.of(args));
        return sample;
    }

    @Test
    void optionsTakeTheNextWordOrTheTextAfterEquals() throws Exception {
        Sample line = parsed("store", "--config", "a.conf", "--tasks=digits,letters", "extra");
        assertEquals("a.conf", line.config);
        assertEquals("digits,letters", line.tasks);
        assertEquals(List.of("store", "extra"), line.positional);
        assertEquals("fallback", parsed("store").config);
    }

    @Test
    void unknownOptionsAndMissingValuesAreUserErrors() {
        assertEquals(
                "unknown option --confg; known: --config, --tasks",
                assertThrows(UserError.class, () -> parsed("--confg", "a")).getMessage());
        assertEquals(
                "option --config needs a value",
                assertThrows(UserError.class, () -> parsed("--config")).getMessage());
    }

    /** Every subcommand, before it starts Spark or reads anything, rejects a word it does not take. */
    @Test
    void everySubcommandRejectsAStrayArgumentNamingIt() {
        for (Subcommand command : Main.subcommands()) {
            List<String> args = command.name().equals("bench") ? List.of("compare", "stray") : List.of("stray");
            assertEquals(
                    "unexpected argument 'stray'; see --help",
                    assertThrows(UserError.class, () -> command.run(args), command.name())
                            .getMessage(),
                    command.name());
        }
    }

    @Test
    void benchPerfNamesAnUnknownSectionBeforeStartingSpark() {
        Subcommand bench = Main.subcommands().stream()
                .filter(c -> c.name().equals("bench"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "--sections takes some of training,driver,generations,growth, got training,speed",
                assertThrows(UserError.class, () -> bench.run(List.of("perf", "--sections", "training,speed")))
                        .getMessage());
    }

    @Test
    void everySubcommandHasGeneratedHelpListingItsOptions() {
        for (Subcommand command : Main.subcommands()) {
            String usage = command.usage();
            assertEquals(true, usage.startsWith("usage: munet " + command.name() + " "), usage);
            assertEquals(true, usage.contains("--help") && usage.contains("--version"), usage);
        }
    }
}
