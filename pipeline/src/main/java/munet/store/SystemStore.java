package munet.store;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import munet.evolution.IterationState;
import munet.system.Component;
import munet.system.SystemState;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The versioned system of a store directory on any Hadoop FileSystem. Version {@code n} is
 * {@code <store>/versions/<n>/} and exists only once its {@link #MARKER} is there; the marker is
 * written last (to a hidden name, then renamed), so a crash during a commit leaves the previous
 * version as the latest and a later commit replaces the partial directory.
 */
public final class SystemStore {
    /** The newest store format this code writes; it reads this and every older one. */
    public static final int FORMAT_VERSION = 2;

    public static final String MARKER = "_COMMITTED";

    private final FileSystem fs;
    private final Path root;
    private final CommitStep steps;

    public SystemStore(FileSystem fs, Path root, CommitStep steps) {
        this.fs = fs;
        this.root = fs.makeQualified(root);
        this.steps = steps;
    }

    /** The store at {@code uri} (e.g. {@code file:/data/store}, {@code hdfs://nn/munet}, {@code s3a://bucket/munet}). */
    public static SystemStore open(String uri, Configuration conf) throws IOException {
        Path root = new Path(uri);
        return new SystemStore(root.getFileSystem(conf), root, CommitStep.NONE);
    }

    public FileSystem fileSystem() {
        return fs;
    }

    public Path root() {
        return root;
    }

    public BlobStore blobs() {
        return new BlobStore(fs, root);
    }

    public CandidateHistory history() {
        return new CandidateHistory(fs, root);
    }

    public IterationHistory iterations() {
        return new IterationHistory(fs, root);
    }

    public IterationCheckpoint checkpoint() {
        return new IterationCheckpoint(fs, root);
    }

    public SweepCheckpoint sweep() {
        return new SweepCheckpoint(fs, root);
    }

    /** Every saved in-progress iteration: a sequential run's, or each running one of a sweep. */
    public List<IterationState> inProgressIterations() throws IOException {
        List<IterationState> states = new ArrayList<>();
        checkpoint().load().ifPresent(states::add);
        states.addAll(sweep().iterations().values());
        return states;
    }

    public FinishedCandidates finishedCandidates() {
        return new FinishedCandidates(fs, root);
    }

    /**
     * Takes the single-writer lease for {@code owner} and renews it every {@code
     * settings.leaseRenewal()}; the lease of a dead process on this host is broken first.
     */
    public StoreLease acquireLease(String owner, StoreSettings settings) throws IOException {
        StoreLease.breakDeadLocal(fs, root);
        StoreLease lease = StoreLease.acquire(fs, root, owner, Clock.systemUTC());
        lease.startHeartbeat(settings.leaseRenewal());
        return lease;
    }

    /**
     * The fence of the job whose lease has {@code token}, for an executor that records finished
     * candidates on that job's behalf (it has the token, not the lease).
     */
    public LeaseFence fence(String token) {
        return () -> StoreLease.verifyHeld(fs, root, token, "the job of lease token " + token);
    }

    /** Breaks the lease of a dead job whose heartbeat is older than {@code settings.leaseTimeout()}. */
    public Optional<StoreLease.Holder> breakStaleLease(StoreSettings settings) throws IOException {
        return StoreLease.breakStale(fs, root, settings.leaseTimeout(), Clock.systemUTC());
    }

    /**
     * Breaks the lease if its heartbeat is older than {@code settings.leaseTimeout()} and returns
     * its holder; a fresher lease is left alone, so the job that asked fails naming its holder.
     */
    public Optional<StoreLease.Holder> breakLeaseIfStale(StoreSettings settings) throws IOException {
        return StoreLease.breakIfStale(fs, root, settings.leaseTimeout(), Clock.systemUTC());
    }

    /** Garbage-collects blobs under {@code lease} with the configured grace period. */
    public BlobCollector.Report collectGarbage(StoreLease lease, StoreSettings settings) throws IOException {
        return new BlobCollector(this, settings.gcGracePeriod(), Clock.systemUTC()).collect(lease);
    }

    Path versionDir(long version) {
        return new Path(new Path(root, "versions"), Long.toString(version));
    }

    /** Every committed version, ascending. */
    public List<Long> committedVersions() throws IOException {
        List<Long> committed = new ArrayList<>();
        for (long version : versionDirs()) {
            if (fs.exists(new Path(versionDir(version), MARKER))) {
                committed.add(version);
            }
        }
        return committed;
    }

    /** The highest committed version, 0 for an empty store. */
    public long latestVersion() throws IOException {
        // From the top down: only a crashed commit's directory lacks its marker, so this stops at once.
        List<Long> dirs = versionDirs();
        for (int i = dirs.size() - 1; i >= 0; i--) {
            if (fs.exists(new Path(versionDir(dirs.get(i)), MARKER))) {
                return dirs.get(i);
            }
        }
        return 0;
    }

    /** The numbers of the version directories, committed or not, ascending. */
    private List<Long> versionDirs() throws IOException {
        Path versions = new Path(root, "versions");
        List<Long> numbers = new ArrayList<>();
        if (!fs.exists(versions)) {
            return numbers;
        }
        for (FileStatus status : fs.listStatus(versions)) {
            String name = status.getPath().getName();
            if (status.isDirectory() && name.matches("[0-9]+")) {
                numbers.add(Long.parseLong(name));
            }
        }
        numbers.sort(null);
        return numbers;
    }

    /** The highest committed version, empty for an empty store. */
    public Optional<SystemState> loadLatest() throws IOException {
        long latest = latestVersion();
        return latest == 0 ? Optional.empty() : Optional.of(load(latest));
    }

    /** Committed version {@code version}; fails if it is not committed, newer-format or damaged. */
    public SystemState load(long version) throws IOException {
        Path dir = versionDir(version);
        Path marker = new Path(dir, MARKER);
        if (!fs.exists(marker)) {
            throw new IOException("version " + version + " of store " + root + " does not exist (committed versions: "
                    + committedVersions() + ")");
        }
        CommitMarker committed = CommitMarker.read(fs, marker);
        if (committed.formatVersion() > FORMAT_VERSION) {
            throw new IOException("version " + version + " of store " + root + " was written in store format "
                    + committed.formatVersion() + ", newer than format " + FORMAT_VERSION + " that this munet reads;"
                    + " use a newer munet release");
        }
        if (committed.version() != version) {
            throw new IOException("commit marker " + marker + " is of version " + committed.version() + ", not "
                    + version + "; the version directory was moved or copied by hand");
        }
        committed.verify(fs, dir);
        return VersionTables.read(fs, dir, version);
    }

    /**
     * Commits {@code next} as version {@code next.version()}, on top of version {@code
     * next.version() - 1} (the first version of a store is 1). Idempotent: retrying a commit that
     * completed returns it. Fails if another job committed since that base, if the lease was lost,
     * or if a component's blob is missing; the store is then unchanged.
     */
    public SystemState commit(StoreLease lease, SystemState next) throws IOException {
        lease.verifyHeld();
        long base = next.version() - 1;
        long latest = latestVersion();
        if (latest == base + 1 && load(latest).equals(next)) {
            return next; // a retry of a commit that completed
        }
        if (latest != base) {
            throw new IOException("store " + root + " is at version " + latest + " but this commit is based on version "
                    + base + ": another job committed meanwhile; reload the store and redo the work");
        }
        BlobStore blobs = blobs();
        for (Component component : next.components().values()) {
            if (!blobs.exists(component.id())) {
                throw new BadBlobException(
                        component.id(),
                        "cannot commit: component " + component.name() + " used by tasks " + component.sortedOwners()
                                + " has no blob " + blobs.pathOf(component.id()));
            }
        }
        long version = base + 1;
        try {
            write(lease, next, versionDir(version));
        } catch (IOException e) {
            // nothing is a version before its marker: the store is still at the base, and a rerun commits again
            throw new IOException(
                    "cannot commit version " + version + " of store " + root + ": " + e.getMessage()
                            + "; the store is still at version " + base + ", rerun the job to commit it",
                    e);
        }
        return next;
    }

    /** The version's files, then its marker (hidden name, renamed) last. */
    private void write(StoreLease lease, SystemState next, Path dir) throws IOException {
        // Left by a crashed commit: it has no marker, so it never was a version.
        fs.delete(dir, true);
        fs.mkdirs(dir);
        for (String file : VersionTables.FILES) {
            VersionTables.write(fs, dir, file, next);
            steps.completed(file);
        }
        StoreFiles.replace(
                fs,
                new Path(dir, MARKER),
                lease,
                CommitMarker.of(fs, dir, next.version(), formatOf(next)).toJson());
        steps.completed(MARKER);
    }

    /**
     * Format 2 adds the input normalisation to {@code architecture.json}. A system that keeps the
     * [-1, 1] input of format 1 is still written as format 1, which older releases read correctly
     * (they ignore the extra field); one with another normalisation is format 2, which they refuse
     * rather than feed it wrongly scaled images.
     */
    static int formatOf(SystemState state) {
        return state.architecture().normalisation().isSigned() ? 1 : 2;
    }

    /** Reads and hash-checks the blob of every component of {@code state}; fails naming the component and its tasks. */
    public void verifyBlobs(SystemState state) throws IOException {
        BlobStore blobs = blobs();
        for (Component component : state.components().values()) {
            blobs.read(component);
        }
    }
}
