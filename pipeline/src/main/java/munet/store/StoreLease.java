package munet.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-writer lease of a store: the file {@code <store>/_LEASE}, created atomically
 * (create without overwrite), naming its holder and its last heartbeat. A second job fails at
 * {@link #acquire}; a lease whose heartbeat is older than the timeout can be broken, but only
 * explicitly with {@link #breakStale}.
 */
public final class StoreLease implements AutoCloseable {
    static final String FILE = "_LEASE";
    private static final Logger LOG = LoggerFactory.getLogger(StoreLease.class);

    /** Who holds a lease; {@code token} tells this holder from a later one with the same name. */
    public record Holder(String owner, String host, long pid, Instant acquired, Instant heartbeat, String token) {
        @Override
        public String toString() {
            return "'" + owner + "' on host " + host + " (pid " + pid + "), acquired " + acquired + ", last heartbeat "
                    + heartbeat;
        }
    }

    private final FileSystem fs;
    private final Path file;
    private final Clock clock;
    private final Holder holder;
    private ScheduledExecutorService heartbeat;
    private boolean released;

    private StoreLease(FileSystem fs, Path file, Clock clock, Holder holder) {
        this.fs = fs;
        this.file = file;
        this.clock = clock;
        this.holder = holder;
    }

    /** Takes the lease of the store at {@code root} for {@code owner}, or fails naming the holder. */
    public static StoreLease acquire(FileSystem fs, Path root, String owner, Clock clock) throws IOException {
        Path file = new Path(root, FILE);
        Instant now = clock.instant();
        Holder holder = new Holder(
                owner,
                hostName(),
                ProcessHandle.current().pid(),
                now,
                now,
                UUID.randomUUID().toString());
        try (OutputStream out = fs.create(file, false)) {
            out.write(StoreJson.GSON.toJson(holder).getBytes(StandardCharsets.UTF_8));
        } catch (FileAlreadyExistsException e) {
            String current = holder(fs, root).map(Holder::toString).orElse("a job that just released it");
            throw new IOException(
                    "store " + root + " is in use by " + current + "; wait for that job to finish, or if it"
                            + " died on another host and its heartbeat is older than munet.store.lease-timeout, run: munet break-lease",
                    e);
        } catch (IOException e) {
            // the lease is a job's first write: this is where an unwritable store path shows
            throw new IOException("cannot write store " + root + ": " + e.getMessage(), e);
        }
        return new StoreLease(fs, file, clock, holder);
    }

    /** The current holder of the lease of the store at {@code root}, if any. */
    public static Optional<Holder> holder(FileSystem fs, Path root) throws IOException {
        Path file = new Path(root, FILE);
        String json;
        try (InputStream in = fs.open(file)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.FileNotFoundException e) {
            return Optional.empty();
        }
        Holder holder = null;
        try {
            holder = StoreJson.GSON.fromJson(json, Holder.class);
        } catch (RuntimeException e) {
            LOG.debug("lease file {} is being rewritten: {}", file, e.getMessage());
        }
        if (holder == null || holder.token() == null) {
            Instant modified = Instant.ofEpochMilli(fs.getFileStatus(file).getModificationTime());
            holder = new Holder("unknown (lease file being rewritten)", "unknown", -1, modified, modified, "");
        }
        return Optional.of(holder);
    }

    /**
     * Deletes the lease of the store at {@code root} if its heartbeat is older than {@code timeout};
     * refuses (naming the holder) if it is fresher. Returns the broken holder, empty if none held it.
     */
    public static Optional<Holder> breakStale(FileSystem fs, Path root, Duration timeout, Clock clock)
            throws IOException {
        Optional<Holder> holder = holder(fs, root);
        if (holder.isEmpty()) {
            return holder;
        }
        Duration age = Duration.between(holder.get().heartbeat(), clock.instant());
        if (age.compareTo(timeout) < 0) {
            throw new IOException("lease of store " + root + " held by " + holder.get()
                    + " is not stale: its heartbeat is " + age.toSeconds() + " s old, under the timeout of "
                    + timeout.toSeconds() + " s; refusing to break it");
        }
        fs.delete(new Path(root, FILE), false);
        LOG.warn("broke the stale lease of store {} held by {}", root, holder.get());
        return holder;
    }

    /**
     * Deletes the lease of the store at {@code root} if its holder ran on this host and its process
     * is gone (a job killed outright never releases its lease): the rerun of a killed job takes over
     * at once instead of waiting out the timeout. Returns the broken holder, empty if none was.
     */
    public static Optional<Holder> breakDeadLocal(FileSystem fs, Path root) throws IOException {
        Optional<Holder> holder = holder(fs, root);
        if (holder.isEmpty()
                || !holder.get().host().equals(hostName())
                || holder.get().pid() <= 0
                || ProcessHandle.of(holder.get().pid())
                        .map(ProcessHandle::isAlive)
                        .orElse(false)) {
            return Optional.empty();
        }
        fs.delete(new Path(root, FILE), false);
        LOG.warn("broke the lease of store {} held by {}: that process no longer runs", root, holder.get());
        return holder;
    }

    public Holder holder() {
        return holder;
    }

    /**
     * Fails unless this lease still holds the store (it was not broken and taken by another job).
     * Synchronized with {@link #renew}: read while this job's heartbeat rewrites the file, the lease
     * would look half-written and lost (seen as an EOFException at a commit ten minutes into a run).
     */
    public synchronized void verifyHeld() throws IOException {
        Optional<Holder> current = holder(fs, file.getParent());
        if (current.isEmpty() || !current.get().token().equals(holder.token())) {
            throw new IOException("the lease of store " + file.getParent() + " taken by " + holder
                    + " was lost; now held by " + current.map(Holder::toString).orElse("nobody")
                    + ". Stop this job: another may be writing the store");
        }
    }

    /** Rewrites the heartbeat time; fails if the lease was lost. */
    public synchronized void renew() throws IOException {
        if (released) {
            throw new IOException("the lease of store " + file.getParent() + " taken by " + holder + " was released");
        }
        verifyHeld();
        Holder renewed = new Holder(
                holder.owner(), holder.host(), holder.pid(), holder.acquired(), clock.instant(), holder.token());
        // Rewritten in place, not replaced by a rename: the file never disappears, so no other job can
        // create it meanwhile; a reader catching it half-written sees a held lease of unknown holder.
        try (OutputStream out = fs.create(file, true)) {
            out.write(StoreJson.GSON.toJson(renewed).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Renews the heartbeat every {@code interval} on a daemon thread until {@link #close}. */
    public synchronized void startHeartbeat(Duration interval) {
        if (heartbeat != null) {
            return;
        }
        heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "store-lease-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        heartbeat.scheduleAtFixedRate(
                () -> {
                    try {
                        renewUnlessReleased();
                    } catch (IOException | RuntimeException e) {
                        LOG.error("cannot renew the lease of store {}: {}", file.getParent(), e.getMessage());
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
    }

    private synchronized void renewUnlessReleased() throws IOException {
        if (!released) {
            renew();
        }
    }

    /** Stops the heartbeat and releases the lease if this job still holds it. */
    @Override
    public synchronized void close() throws IOException {
        if (released) {
            return;
        }
        released = true;
        if (heartbeat != null) {
            heartbeat.shutdownNow();
            heartbeat = null;
        }
        Optional<Holder> current = holder(fs, file.getParent());
        if (current.isPresent() && current.get().token().equals(holder.token())) {
            fs.delete(file, false);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
