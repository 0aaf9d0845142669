package munet.jobs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import munet.jobs.UserError;
import org.apache.hadoop.util.ShutdownHookManager;
import picocli.CommandLine;

/**
 * The single entry point, for the {@code munet} launcher and for {@code spark-submit --class
 * munet.jobs.cli.Main}: {@code munet [--verbose] <subcommand> [args]}. It picks the subcommand
 * and reports failures; each subcommand parses its own arguments ({@link Subcommand#run}).
 */
public final class Main {

    /** Every subcommand, in the order {@code --help} lists them: add a new one with one line. */
    public static List<Subcommand> subcommands() {
        return List.of(
                new InitCommand(),
                new EvolveCommand(),
                new StatusCommand(),
                new ReportCommand(),
                new EvaluateCommand(),
                new PredictCommand(),
                new ExportCommand(),
                new GarbageCollectCommand(),
                new BreakLeaseCommand(),
                new GenerateBenchmarkCommand(),
                new ImportDatasetCommand(),
                new BenchCommand(),
                new CheckClusterCommand());
    }

    /** Accepted anywhere on the line, so "rerun with --verbose" is just appending it. */
    public static final String VERBOSE = "--verbose";

    static final int USER_ERROR = 2;
    static final int FAILURE = 1;
    /** 128 + SIGTERM, what a shell reports for a process ended by that signal. */
    static final int STOPPED = 143;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(subcommands(), args, System.out, System.err));
    }

    public static int run(List<Subcommand> subcommands, String[] argv, PrintStream out, PrintStream err) {
        List<String> args = new ArrayList<>(List.of(argv));
        boolean verbose = args.removeIf(VERBOSE::equals);
        if (!args.isEmpty() && (args.get(0).equals("--version") || args.get(0).equals("-V"))) {
            out.println(version());
            return 0;
        }
        if (args.isEmpty() || args.get(0).equals("help") || isHelp(args.get(0))) {
            (args.isEmpty() ? err : out).print(overview(subcommands));
            return args.isEmpty() ? USER_ERROR : 0;
        }
        String name = args.get(0);
        Optional<Subcommand> found =
                subcommands.stream().filter(s -> s.name().equals(name)).findFirst();
        if (found.isEmpty()) {
            err.println("munet: unknown subcommand '" + name + "'; run munet --help for the list");
            return USER_ERROR;
        }
        Subcommand subcommand = found.get();
        List<String> rest = List.copyOf(args.subList(1, args.size()));
        if (rest.stream().anyMatch(Main::isHelp)) {
            out.println(subcommand.usage());
            return 0;
        }
        try {
            return subcommand.run(rest);
        } catch (Exception | LinkageError e) {
            if (ShutdownHookManager.get().isShutdownInProgress()) {
                // stopped by a signal: the failure is Spark's context shutting down, not the user's to read;
                // the lease's stop hook has said what happened (StoreJob#acquireLease)
                return STOPPED;
            }
            return report(name, e, verbose, err);
        }
    }

    /** One line for the user; the stack trace only on request, since it rarely helps them. */
    private static int report(String name, Throwable e, boolean verbose, PrintStream err) {
        boolean userError = e instanceof UserError || e instanceof IllegalArgumentException;
        String message = e.getMessage() == null ? e.getClass().getName() : firstLine(e.getMessage());
        if (!(userError || e instanceof IOException)) {
            message = e.getClass().getSimpleName() + ": " + message;
        }
        err.println("munet " + name + ": " + message);
        if (verbose) {
            e.printStackTrace(err);
        } else if (!(e instanceof UserError)) {
            err.println("munet " + name + ": rerun with " + VERBOSE + " for the stack trace");
        }
        return userError ? USER_ERROR : FAILURE;
    }

    /** Spark task failures arrive as one message carrying the remote stack trace. */
    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The version of the jar this runs from (its manifest); classes outside the jar have none. */
    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return "munet " + (version == null ? "(development classes, no version)" : version);
    }

    /** What {@code --version} prints on every subcommand. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {version()};
        }
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }

    private static String overview(List<Subcommand> subcommands) {
        StringBuilder text = new StringBuilder(
                "usage: munet [" + VERBOSE + "] <subcommand> [args]   (<subcommand> --help for its options)\n"
                        + "       munet --version\n\nsubcommands:\n");
        int width = subcommands.stream().mapToInt(s -> s.name().length()).max().orElse(0);
        for (Subcommand s : subcommands) {
            text.append(String.format("  %-" + width + "s  %s%n", s.name(), s.summary()));
        }
        return text.toString();
    }
}
