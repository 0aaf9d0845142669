package munet.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import munet.store.InMemoryBlobs;
import munet.system.InputNormalisation;
import munet.system.SystemState;
import munet.system.VitArchitecture;
import org.junit.jupiter.api.Test;

/** Importing the independently written fixture from either layout gives a root that computes torchvision's logits. */
class CheckpointImportTest {

    @Test
    void timmLayoutReproducesTorchvisionsLogits() throws IOException {
        assertReproducesFixture(CheckpointFile.read(VitTiny.safetensors()));
    }

    @Test
    void vitJaxLayoutReproducesTorchvisionsLogits() throws IOException {
        assertReproducesFixture(CheckpointFile.read(VitTiny.npz()));
    }

    @Test
    void bothLayoutsGiveTheSameArchitectureAndTensors() {
        VitCheckpoint timm = CheckpointFile.read(VitTiny.safetensors());
        VitCheckpoint jax = CheckpointFile.read(VitTiny.npz());
        assertEquals(new VitArchitecture(48, 96, 4, 4, 3, InputNormalisation.SIGNED), timm.architecture());
        assertEquals(timm.architecture(), jax.architecture());
        assertEquals(24, timm.imageSize());
        assertEquals(2, jax.depth());
        assertEquals(10, jax.numClasses());
        assertEquals(timm.components().keySet(), jax.components().keySet());
        timm.components()
                .forEach((component, parameters) -> parameters.forEach((name, tensor) -> {
                    float[] other = jax.components().get(component).get(name).data();
                    for (int i = 0; i < other.length; i++) {
                        assertEquals(tensor.data()[i], other[i], 1e-7, component + " " + name + " [" + i + "]");
                    }
                }));
    }

    @Test
    void theRootKeepsTheHeadAndTheCheckpointsNormalisation() throws IOException {
        SystemState system = RootImport.system(
                CheckpointFile.read(VitTiny.safetensors()),
                VitTiny.rootHparams(),
                VitTiny.IMAGE_SIZE,
                2,
                new InMemoryBlobs());
        assertEquals(
                List.of(
                        "patch_embedding",
                        "class_token",
                        "position_embedding",
                        "encoderblock_0",
                        "encoderblock_1",
                        "final_norm",
                        "head"),
                system.rootPaths().get(0).componentNames());
        assertEquals(2, system.rootPaths().get(0).hparams().getInt("num_layers"));
        assertEquals(24, system.rootPaths().get(0).hparams().getInt("ds_image_size"));
        assertEquals(
                List.of(48, 10),
                system.component(system.rootPaths().get(0).componentId("head")).shape());
        assertTrue(system.architecture().normalisation().isSigned());
    }

    @Test
    void anotherImageSizeResamplesThePositionEmbedding() throws IOException {
        SystemState system = RootImport.system(
                CheckpointFile.read(VitTiny.npz()), VitTiny.rootHparams(), 32, 2, new InMemoryBlobs());
        assertEquals(
                List.of(65, 48),
                system.component(system.rootPaths().get(0).componentId("position_embedding"))
                        .shape());
        assertEquals(32, system.rootPaths().get(0).hparams().getInt("ds_image_size"));
    }

    private static void assertReproducesFixture(VitCheckpoint checkpoint) throws IOException {
        InMemoryBlobs blobs = new InMemoryBlobs();
        SystemState system = RootImport.system(checkpoint, VitTiny.rootHparams(), VitTiny.IMAGE_SIZE, 2, blobs);
        double difference = VitTiny.maxDifference(VitTiny.rootLogits(system, blobs), VitTiny.logits());
        System.out.printf("%s: max |logit - torchvision's| = %.2e%n", checkpoint.source(), difference);
        assertTrue(
                difference < 1e-4, checkpoint.source() + ": logits differ from torchvision's by up to " + difference);
    }
}
