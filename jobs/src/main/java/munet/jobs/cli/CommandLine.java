package munet.jobs.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import munet.jobs.UserError;

/** A subcommand's arguments: {@code --name value} options and positional words, checked strictly. */
public record CommandLine(Map<String, String> options, List<String> positional) {

  public CommandLine {
    options = Map.copyOf(options);
    positional = List.copyOf(positional);
  }

  /** Parses {@code args}; an option not in {@code known} or without a value is a {@link UserError}. */
  public static CommandLine parse(List<String> args, List<String> known) {
    Map<String, String> options = new HashMap<>();
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        positional.add(arg);
        continue;
      }
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (!known.contains(name)) {
        throw new UserError("unknown option " + name + "; known: " + String.join(", ", known));
      }
      if (arg.contains("=")) {
        options.put(name, arg.substring(arg.indexOf('=') + 1));
      } else if (i + 1 < args.size()) {
        options.put(name, args.get(++i));
      } else {
        throw new UserError("option " + name + " needs a value");
      }
    }
    return new CommandLine(options, positional);
  }

  /** The value of an option the subcommand cannot run without. */
  public String required(String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new UserError("missing " + name + "; see --help");
    }
    return value;
  }

  public String option(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }

  public int intOption(String name, int fallback) {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new UserError("option " + name + " must be a whole number, got '" + value + "'");
    }
  }
}
