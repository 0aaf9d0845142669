package munet.jobs.cli;

import java.util.List;
import munet.jobs.UserError;

/** One subcommand of the jobs entry point, e.g. {@code evolve} or {@code import-dataset}. */
public interface Subcommand {

  /** The word that selects it on the command line. */
  String name();

  /** One line for the list of subcommands. */
  String summary();

  /** The full --help text: usage line, arguments and options. */
  String usage();

  /**
   * Runs with the arguments after the subcommand's name. Returns the exit code; a failure the
   * user can fix is thrown as {@link UserError} with one clear line naming the bad input.
   */
  int run(List<String> args) throws Exception;
}
