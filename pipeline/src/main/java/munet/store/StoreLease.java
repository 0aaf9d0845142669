package munet.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.util.ShutdownHookManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-writer lease of a store: the file {@code <store>/_LEASE}, created atomically
 * (create without overwrite: HDFS's namenode, and on a local disk an exclusive create, since
 * Hadoop's local create checks and then truncates), naming its holder and its last heartbeat. A
 * second job fails at {@link #acquire}; a lease whose heartbeat is older than the timeout can be
 * broken, but only explicitly with {@link #breakStale}. Every write of in-progress state and every
 * commit checks the holder's token first ({@link LeaseFence}).
 */
public final class StoreLease implements AutoCloseable, LeaseFence {
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
    /** Spark stops its context at priority 30 above Hadoop's file systems; this runs before both. */
    private static final int STOP_HOOK_PRIORITY = FileSystem.SHUTDOWN_HOOK_PRIORITY + 40;

    /** Reads of a lease caught mid-rewrite before it counts as held by nobody we know. */
    private static final int REREADS = 20;

    private static final long REREAD_PAUSE_MILLIS = 50;

    private ScheduledExecutorService heartbeat;
    private Runnable stopHook;
    private boolean released;

    private StoreLease(FileSystem fs, Path file, Clock clock, Holder holder) {
        this.fs = fs;
        this.file = file;
        this.clock = clock;
        this.holder = holder;
    }

    /** Takes the lease of the store at {@code root} for {@code owner}, or fails naming the holder. */
    public static StoreLease acquire(FileSystem store, Path root, String owner, Clock clock) throws IOException {
        FileSystem fs = leaseFileSystem(store);
        Path file = new Path(root, FILE);
        Instant now = clock.instant();
        Holder holder = new Holder(
                owner,
                hostName(),
                ProcessHandle.current().pid(),
                now,
                now,
                UUID.randomUUID().toString());
        try {
            createNew(fs, file, StoreJson.GSON.toJson(holder).getBytes(StandardCharsets.UTF_8));
        } catch (FileAlreadyExistsException e) {
            String current = holder(fs, root).map(Holder::toString).orElse("a job that just released it");
            throw new IOException(
                    "store " + root + " is in use by " + current + "; wait for that job to finish, or if it"
                            + " died on another host and its heartbeat is older than munet.store.lease-timeout, run: munet break-lease"
                            + " (or rerun with --break-stale-lease)",
                    e);
        } catch (IOException e) {
            // the lease is a job's first write: this is where an unwritable store path shows
            throw new IOException("cannot write store " + root + ": " + e.getMessage(), e);
        }
        return new StoreLease(fs, file, clock, holder);
    }

    /**
     * Creates {@code file} only if it does not exist, atomically. HDFS's create without overwrite
     * is; Hadoop's local one checks and then truncates, so two jobs started together could both
     * take the lease: on a local disk the file is created with an exclusive create (O_EXCL).
     */
    private static void createNew(FileSystem fs, Path file, byte[] bytes) throws IOException {
        if (fs instanceof RawLocalFileSystem local) {
            java.nio.file.Path path = local.pathToFile(file).toPath();
            Files.createDirectories(path.getParent());
            try {
                Files.write(path, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw new FileAlreadyExistsException(file + " exists");
            }
            return;
        }
        try (OutputStream out = fs.create(file, false)) {
            out.write(bytes);
        }
    }

    /**
     * A local store's lease is read and written without Hadoop's checksum files: a {@code .crc}
     * left by a lease file deleted by hand would otherwise make every later lease unreadable.
     */
    private static FileSystem leaseFileSystem(FileSystem fs) {
        return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    }

    /** The current holder of the lease of the store at {@code root}, if any. */
    public static Optional<Holder> holder(FileSystem store, Path root) throws IOException {
        FileSystem fs = leaseFileSystem(store);
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
    public static Optional<Holder> breakStale(FileSystem store, Path root, Duration timeout, Clock clock)
            throws IOException {
        Optional<Holder> holder = holder(store, root);
        if (holder.isEmpty()) {
            return holder;
        }
        Duration age = Duration.between(holder.get().heartbeat(), clock.instant());
        if (age.compareTo(timeout) < 0) {
            throw new IOException("lease of store " + root + " held by " + holder.get()
                    + " is not stale: its heartbeat is " + age.toSeconds() + " s old, under the timeout of "
                    + timeout.toSeconds() + " s; refusing to break it");
        }
        return breakIfStale(store, root, timeout, clock);
    }

    /**
     * Deletes the lease of the store at {@code root} if its heartbeat is older than {@code timeout}
     * and returns its holder; a fresher lease is left alone (empty), for the job to fail naming it.
     * What {@code --break-stale-lease} does before a job takes the lease.
     */
    public static Optional<Holder> breakIfStale(FileSystem store, Path root, Duration timeout, Clock clock)
            throws IOException {
        FileSystem fs = leaseFileSystem(store);
        Optional<Holder> holder = holder(fs, root);
        if (holder.isEmpty()
                || Duration.between(holder.get().heartbeat(), clock.instant()).compareTo(timeout) < 0) {
            return Optional.empty();
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
    public static Optional<Holder> breakDeadLocal(FileSystem store, Path root) throws IOException {
        FileSystem fs = leaseFileSystem(store);
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
    @Override
    public synchronized void verifyHeld() throws IOException {
        verifyHeld(fs, file.getParent(), holder.token(), holder.toString());
    }

    /**
     * Fails unless the lease of the store at {@code root} is held by the job of {@code token}:
     * the check an executor makes, knowing only the token, before it records a finished candidate.
     * The executor cannot wait for the driver's heartbeat as {@link #verifyHeld()} does, so a read
     * that finds the file in the middle of a rewrite (no token) is repeated, for up to a second.
     */
    public static void verifyHeld(FileSystem fs, Path root, String token, String whose) throws IOException {
        Optional<Holder> current = holder(fs, root);
        for (int read = 1;
                read < REREADS && current.isPresent() && current.get().token().isEmpty();
                read++) {
            try {
                Thread.sleep(REREAD_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading the lease of store " + root, e);
            }
            current = holder(fs, root);
        }
        if (current.isEmpty() || !current.get().token().equals(token)) {
            throw new IOException("the lease of store " + root + " taken by " + whose + " was lost; now held by "
                    + current.map(Holder::toString).orElse("nobody")
                    + ". This job stopped writing: another may be writing the store");
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
        byte[] json = StoreJson.GSON.toJson(renewed).getBytes(StandardCharsets.UTF_8);
        if (fs instanceof RawLocalFileSystem local) {
            // A POSIX rename replaces the file atomically: it never disappears and is never half-written.
            java.nio.file.Path path = local.pathToFile(file).toPath();
            java.nio.file.Path temp = path.resolveSibling("." + FILE + "." + holder.token() + ".tmp");
            Files.write(temp, json);
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        // Elsewhere (HDFS) rewritten in place, not replaced by a rename, which would not overwrite: the
        // file never disappears, so no other job can create it meanwhile; a reader catching it
        // half-written sees a held lease of unknown holder (and the fence reads again).
        try (OutputStream out = fs.create(file, true)) {
            out.write(json);
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

    /**
     * Until {@link #close}, a stop of this JVM (SIGTERM from a scheduler, Ctrl-C) releases the lease
     * and then runs {@code announce}. The hook runs before Spark's own (which fails the running job)
     * and before Hadoop closes its file systems, so the release can still reach the store.
     */
    public synchronized void releaseOnStop(Runnable announce) {
        if (stopHook != null || released) {
            return;
        }
        stopHook = () -> {
            try {
                if (releaseIfHeld()) {
                    announce.run();
                }
            } catch (IOException e) {
                LOG.error("cannot release the lease of store {} on stop: {}", file.getParent(), e.getMessage());
            }
        };
        ShutdownHookManager.get().addShutdownHook(stopHook, STOP_HOOK_PRIORITY);
    }

    /** Stops the heartbeat and releases the lease if this job still holds it. */
    @Override
    public synchronized void close() throws IOException {
        if (stopHook != null && !ShutdownHookManager.get().isShutdownInProgress()) {
            ShutdownHookManager.get().removeShutdownHook(stopHook);
        }
        releaseIfHeld();
    }

    /** Releases the lease unless it was released already; true if this call released it. */
    private synchronized boolean releaseIfHeld() throws IOException {
        if (released) {
            return false;
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
        return true;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
