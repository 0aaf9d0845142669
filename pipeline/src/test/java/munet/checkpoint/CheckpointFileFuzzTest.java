package munet.checkpoint;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code init --from}: any model.safetensors with any config.json beside it is imported or
 * refused with an IllegalArgumentException naming the file (what the command prints), nothing
 * else. The fuzzer starts from the vit-tiny fixture's config.
 */
class CheckpointFileFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void anyCheckpointIsImportedOrRefused(FuzzedDataProvider data) throws IOException {
        Path dir = Files.createTempDirectory("fuzzed-checkpoint");
        try {
            String config = data.consumeBoolean()
                    ? Files.readString(VitTiny.dir().resolve("config.json"))
                    : data.consumeString(2000);
            Files.writeString(dir.resolve("config.json"), config, StandardCharsets.UTF_8);
            Files.write(dir.resolve("model.safetensors"), data.consumeRemainingAsBytes());
            CheckpointFile.read(dir.resolve("model.safetensors"));
        } catch (IllegalArgumentException refused) {
            // the one line init --from prints
        } finally {
            for (String name : new String[] {"config.json", "model.safetensors"}) {
                Files.deleteIfExists(dir.resolve(name));
            }
            Files.delete(dir);
        }
    }
}
