/**
 * The command line: the entry point {@link munet.jobs.cli.Main} and one {@code XxxCommand} class per
 * subcommand (picocli annotations give the options and the generated {@code --help}).
 *
 * <p>A new subcommand is a class here plus one line in {@link munet.jobs.cli.Main#subcommands()}.
 * Commands parse, open what they need and report; domain logic belongs in the library or in
 * {@code munet.jobs.spark}. Nothing else may depend on this package.
 */
package munet.jobs.cli;
