package munet.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import munet.model.Safetensors;
import munet.store.InMemoryBlobs;
import munet.system.InputNormalisation;
import munet.system.SystemState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimmExportTest {
    private static final List<String> DIGITS =
            List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");

    @TempDir
    Path dir;

    @Test
    void exportingTheImportedFixtureRootReproducesTheFixtureTensors() throws IOException {
        Safetensors.Contents fixture = Safetensors.read(Files.readAllBytes(VitTiny.safetensors()), "fixture");
        for (Path source : List.of(VitTiny.safetensors(), VitTiny.npz())) {
            InMemoryBlobs blobs = new InMemoryBlobs();
            SystemState system =
                    RootImport.system(CheckpointFile.read(source), VitTiny.rootHparams(), VitTiny.IMAGE_SIZE, 2, blobs);
            Path out = dir.resolve(source.getFileName().toString());
            TimmExport.write(TimmExport.checkpoint(system, system.rootPaths().get(0), List.of(), blobs), out);
            Safetensors.Contents exported =
                    Safetensors.read(Files.readAllBytes(out.resolve("model.safetensors")), "export");
            assertEquals(fixture.tensors().keySet(), exported.tensors().keySet());
            fixture.tensors().forEach((name, tensor) -> {
                assertArrayEquals(tensor.shape(), exported.tensors().get(name).shape(), name);
                assertArrayEquals(
                        tensor.data(),
                        exported.tensors().get(name).data(),
                        name + " exported from " + source.getFileName());
            });
            assertEquals(Map.of("format", "pt"), exported.metadata());
        }
    }

    @Test
    void exportThenImportGivesARootWithTheTasksLogitsAndItsNormalisationAndLabels() throws IOException {
        InMemoryBlobs blobs = new InMemoryBlobs();
        InputNormalisation imagenet =
                new InputNormalisation(List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225));
        SystemState system = VitTiny.withTask(
                RootImport.system(
                        CheckpointFile.read(VitTiny.npz()), VitTiny.rootHparams(), VitTiny.IMAGE_SIZE, 2, blobs),
                imagenet,
                blobs);
        TimmExport.write(TimmExport.checkpoint(system, system.bestPaths().get("digits"), DIGITS, blobs), dir);

        VitCheckpoint reimported = CheckpointFile.read(dir.resolve("model.safetensors"));
        assertEquals(imagenet, reimported.architecture().normalisation());
        assertEquals(DIGITS, reimported.labelNames());
        InMemoryBlobs reimportedBlobs = new InMemoryBlobs();
        SystemState root = RootImport.system(reimported, VitTiny.rootHparams(), VitTiny.IMAGE_SIZE, 2, reimportedBlobs);
        SystemState taskAsRoot = new SystemState(
                1,
                system.architecture(),
                Map.of(),
                system.components(),
                Map.of(),
                List.of(system.bestPaths().get("digits")));
        float[][] task = VitTiny.rootLogits(taskAsRoot, blobs);
        double difference = VitTiny.maxDifference(VitTiny.rootLogits(root, reimportedBlobs), task);
        System.out.printf("export then import: max |logit - the task's| = %.2e%n", difference);
        assertTrue(difference < 1e-5, "re-imported export differs from the task by " + difference);
        assertTrue(
                VitTiny.maxDifference(task, VitTiny.logits()) > 1e-2,
                "the task must compute something else than the root");

        JsonObject config = JsonParser.parseString(Files.readString(dir.resolve("config.json")))
                .getAsJsonObject();
        assertEquals(4, config.getAsJsonObject("model_args").get("num_heads").getAsInt());
        assertEquals(10, config.get("num_classes").getAsInt());
    }

    @Test
    void aPathWithAdaptersIsRefusedNamingThem() throws IOException {
        InMemoryBlobs blobs = new InMemoryBlobs();
        SystemState system = RootImport.system(
                CheckpointFile.read(VitTiny.npz()), VitTiny.rootHparams(), VitTiny.IMAGE_SIZE, 2, blobs);
        munet.system.Path root = system.rootPaths().get(0);
        List<String> names = new ArrayList<>(root.componentNames());
        List<String> ids = new ArrayList<>(root.componentIds());
        names.add(4, "adapter_1");
        ids.add(4, ids.get(3));
        munet.system.Path withAdapter =
                new munet.system.Path("p", "digits", ids, names, root.hparams(), root.id(), 0.5, Double.NaN, null);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> TimmExport.checkpoint(system, withAdapter, List.of(), blobs));
        assertTrue(e.getMessage().contains("task digits has residual adapters [adapter_1]"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("model.safetensors")));
    }
}
