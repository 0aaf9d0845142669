package munet.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import munet.jobs.UserError;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;

/** How every subcommand's arguments are parsed, and picocli's rejections as one line naming the argument. */
final class Parsing {
    private Parsing() {}

    /**
     * The parser over {@code command}'s annotated fields; {@code --name=value} and {@code --name value}
     * both work. Its help starts with the usage line (the header is the subcommand list's line).
     */
    static CommandLine commandLine(Subcommand command) {
        CommandLine line = new CommandLine(command);
        line.setCommandName("munet " + command.name());
        line.setUsageHelpWidth(120);
        line.getCommandSpec()
                .usageMessage()
                .synopsisHeading("usage: ")
                .descriptionHeading("%n")
                .optionListHeading("%noptions:%n");
        List<String> sections = new ArrayList<>(line.getHelpSectionKeys());
        sections.removeAll(List.of(UsageMessageSpec.SECTION_KEY_HEADER_HEADING, UsageMessageSpec.SECTION_KEY_HEADER));
        line.setHelpSectionKeys(sections);
        // collected rather than thrown, so that a misspelt option is named before the required one it misses
        line.setUnmatchedArgumentsAllowed(true);
        return line;
    }

    /** Parses {@code args} into the command's fields; anything rejected is a {@link UserError} naming it. */
    static void parse(CommandLine line, List<String> args) {
        try {
            line.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new UserError(unmatched(line).orElseGet(() -> message(e, args)), e);
        }
        unmatched(line).ifPresent(message -> {
            throw new UserError(message);
        });
    }

    private static Optional<String> unmatched(CommandLine line) {
        if (line.getUnmatchedArguments().isEmpty()) {
            return Optional.empty();
        }
        String first = line.getUnmatchedArguments().get(0);
        return Optional.of(
                first.startsWith("-")
                        ? "unknown option " + first.split("=", 2)[0] + "; known: " + String.join(", ", known(line))
                        : "unexpected argument '" + first + "'; see --help");
    }

    private static String message(ParameterException e, List<String> args) {
        if (e instanceof MissingParameterException missing) {
            // picocli reports a required option that is absent and an option given without its value alike
            List<ArgSpec> specs = missing.getMissing();
            boolean valueOfGivenOption = specs.size() == 1
                    && specs.get(0) instanceof OptionSpec option
                    && Stream.of(option.names()).anyMatch(args::contains);
            return valueOfGivenOption
                    ? "option " + name(specs.get(0)) + " needs a value"
                    : "missing " + specs.stream().map(Parsing::name).collect(Collectors.joining(", ")) + "; see --help";
        }
        if (e.getArgSpec() != null && e.getValue() != null && e.getArgSpec().isOption()) {
            return "option " + name(e.getArgSpec()) + " must be "
                    + kind(e.getArgSpec().type()) + ", got '" + e.getValue() + "'";
        }
        return e.getMessage();
    }

    /** The command's own options, without the standard --help and --version. */
    private static List<String> known(CommandLine line) {
        return line.getCommandSpec().options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp())
                .map(OptionSpec::longestName)
                .toList();
    }

    private static String name(ArgSpec spec) {
        return spec instanceof OptionSpec option ? option.longestName() : spec.paramLabel();
    }

    private static String kind(Class<?> type) {
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return type == int.class || type == Integer.class || type == long.class || type == Long.class
                ? "a whole number"
                : "a number";
    }
}
