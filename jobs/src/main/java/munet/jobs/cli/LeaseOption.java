package munet.jobs.cli;

import picocli.CommandLine.Option;

/** The option of every subcommand that takes the store's lease (init, evolve, gc). */
final class LeaseOption {
    @Option(
            names = "--break-stale-lease",
            description = {
                "first break the store's lease if its holder's heartbeat is older than munet.store.lease-timeout",
                "(a job that died on another host); a live holder's lease is never broken"
            })
    boolean breakStale;
}
