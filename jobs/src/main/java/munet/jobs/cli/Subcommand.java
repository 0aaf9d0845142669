package munet.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import munet.jobs.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * One subcommand of the jobs entry point, e.g. {@code evolve} or {@code import-dataset}: a class
 * named {@code XxxCommand} annotated with picocli's {@link Command} (name, {@code header} = the
 * one line of the subcommand list, {@code description}, {@code mixinStandardHelpOptions}) whose
 * options are annotated fields and whose {@link #call()} does the work. Add it to
 * {@link Main#subcommands()}.
 */
public interface Subcommand extends Callable<Integer> {

    /** The word that selects it on the command line. */
    default String name() {
        return getClass().getAnnotation(Command.class).name();
    }

    /** One line for the list of subcommands. */
    default String summary() {
        return String.join(" ", getClass().getAnnotation(Command.class).header());
    }

    /** The full --help text, generated from the annotations. */
    default String usage() {
        return Parsing.commandLine(this)
                .getUsageMessage(CommandLine.Help.Ansi.OFF)
                .stripTrailing();
    }

    /**
     * Parses {@code args} (the words after the subcommand's name) into this object's fields and runs
     * it. Returns the exit code; a failure the user can fix is thrown as {@link UserError} with one
     * clear line naming the bad input, and so is every option or argument picocli rejects.
     */
    default int run(List<String> args) throws Exception {
        CommandLine line = Parsing.commandLine(this);
        Parsing.parse(line, args);
        if (line.isUsageHelpRequested()) {
            System.out.println(usage());
            return 0;
        }
        if (line.isVersionHelpRequested()) {
            System.out.println(Main.version());
            return 0;
        }
        return call();
    }
}
