package munet.store;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A version whose commit marker ({@code _COMMITTED}) or architecture ({@code architecture.json})
 * holds any bytes: loading it gives the version or an IOException naming the file, nothing else.
 * For a fuzzed architecture the marker's checksums are rewritten to match, so that the fuzzer
 * reaches its reader, as someone editing the store by hand would.
 */
class StoreFilesFuzzTest {
    private static SystemStore store;
    private static Path version;
    private static byte[] marker;
    private static byte[] architecture;

    /** One store of one version for every input; each input's files are put back after it. */
    private static synchronized void createStore() throws IOException {
        if (store != null) {
            return;
        }
        Path dir = Files.createTempDirectory("fuzzed-store");
        store = StoreFixtures.store(dir, CommitStep.NONE);
        try (StoreLease lease =
                store.acquireLease("fuzz", StoreSettings.fromConfig(ConfigFactory.defaultReference()))) {
            store.commit(lease, StoreFixtures.initial(store.blobs()));
        }
        version = dir.resolve("versions/1");
        Files.deleteIfExists(version.resolve("." + SystemStore.MARKER + ".crc"));
        Files.deleteIfExists(version.resolve("." + VersionTables.ARCHITECTURE + ".crc"));
        marker = Files.readAllBytes(version.resolve(SystemStore.MARKER));
        architecture = Files.readAllBytes(version.resolve(VersionTables.ARCHITECTURE));
    }

    @FuzzTest(maxDuration = "5s")
    void anyMarkerOrArchitectureLoadsOrIsRefused(FuzzedDataProvider data) throws IOException {
        createStore();
        try {
            if (data.consumeBoolean()) {
                Files.write(version.resolve(SystemStore.MARKER), data.consumeRemainingAsBytes());
            } else {
                Files.write(version.resolve(VersionTables.ARCHITECTURE), data.consumeRemainingAsBytes());
                org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(store.root(), "versions/1");
                Files.writeString(
                        version.resolve(SystemStore.MARKER),
                        CommitMarker.of(store.fileSystem(), dir, 1, 1).toJson());
            }
            store.load(1);
        } catch (IOException refused) {
            // named by the store as invalid, corrupt or of a newer format
        } finally {
            Files.write(version.resolve(SystemStore.MARKER), marker);
            Files.write(version.resolve(VersionTables.ARCHITECTURE), architecture);
        }
    }
}
