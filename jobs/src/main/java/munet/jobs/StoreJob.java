package munet.jobs;

import com.typesafe.config.Config;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import munet.config.RunConfig;
import munet.store.StoreLease;
import munet.store.StoreSettings;
import munet.store.SystemStore;
import munet.system.SystemState;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * What every store subcommand starts from: the run configuration ({@code --config} over the
 * defaults) and the store it names ({@code --store} overrides {@code munet.store.uri}). A local
 * path becomes an absolute {@code file:} URI, so executors in other working directories find it.
 */
public record StoreJob(Config config, String storeUri, SystemStore store) {

    /**
     * {@code configFile} and {@code storeOption} are the {@code --config} and {@code --store} options
     * (null when not given). The driver's store commits through {@link PausePoint#commitSteps()}, inert outside tests. */
    public static StoreJob open(String configFile, String storeOption, Configuration hadoop) throws IOException {
        Config config = RunConfigFile.load(configFile);
        String given = storeOption != null
                ? storeOption
                : config.hasPath("munet.store.uri") ? config.getString("munet.store.uri") : "";
        if (given.isBlank()) {
            throw new UserError("no store given: set munet.store.uri in the config or pass --store <folder or uri>");
        }
        String uri = absolute(given);
        Path root = new Path(uri);
        return new StoreJob(config, uri, new SystemStore(root.getFileSystem(hadoop), root, PausePoint.commitSteps()));
    }

    /** A local path as an absolute file: URI; URIs with a scheme (hdfs:, s3a:, file:) as given. */
    public static String absolute(String uri) {
        return URI.create(uri.replace(" ", "%20")).getScheme() == null
                ? new File(uri).getAbsoluteFile().toURI().toString()
                : uri;
    }

    public RunConfig run() {
        return RunConfig.from(config);
    }

    public StoreSettings settings() {
        return StoreSettings.fromConfig(config);
    }

    /** What a job stopped by a signal tells its user (its lease released, its progress saved). */
    public static final String STOPPED = "the job was stopped; rerun the same command to resume it";

    /**
     * {@code --break-stale-lease}: breaks the store's lease if its heartbeat is older than
     * {@code munet.store.lease-timeout} (a scheduler's retry after the job died on another host),
     * saying whose it was; a live lease is left for {@link #acquireLease} to fail naming it.
     */
    public void breakStaleLease(String command) throws IOException {
        store.breakLeaseIfStale(settings())
                .ifPresent(holder -> System.out.println(command + ": broke the stale lease held by " + holder
                        + " (heartbeat older than munet.store.lease-timeout = "
                        + settings().leaseTimeout().toSeconds() + " s)"));
    }

    /**
     * Takes the store's lease for {@code command} (e.g. "munet evolve"). If this JVM is stopped
     * while it holds the lease (SIGTERM, Ctrl-C), the lease is released and the user told that
     * rerunning the command resumes the job.
     */
    public StoreLease acquireLease(String command) throws IOException {
        StoreLease lease = store.acquireLease(command, settings());
        lease.releaseOnStop(() -> {
            System.err.println(command + ": " + STOPPED);
            System.err.flush();
        });
        return lease;
    }

    /** The latest committed system; a store never initialised is the user's to fix. */
    public SystemState committed() throws IOException {
        return store.load(committedVersion());
    }

    /** The latest committed version, without reading it (a job checks this before it takes the lease). */
    public long committedVersion() throws IOException {
        long version = store.latestVersion();
        if (version == 0) {
            throw new UserError(
                    "store " + storeUri + " holds no committed system; create one first: munet init --config <file>");
        }
        return version;
    }
}
