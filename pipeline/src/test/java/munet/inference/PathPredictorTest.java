package munet.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import munet.checkpoint.CheckpointFile;
import munet.checkpoint.RootImport;
import munet.checkpoint.VitTiny;
import munet.data.LabeledImage;
import munet.model.FrozenComponentCache;
import munet.model.TorchRuntime;
import munet.store.InMemoryBlobs;
import munet.system.InputNormalisation;
import munet.system.Path;
import munet.system.SystemState;
import org.junit.jupiter.api.Test;

class PathPredictorTest {

    @Test
    void pathsSharingAPrefixComputeItOnceAndPredictExactlyAsAlone() throws IOException {
        InMemoryBlobs blobs = new InMemoryBlobs();
        SystemState system = VitTiny.withTask(
                RootImport.system(
                        CheckpointFile.read(VitTiny.npz()), VitTiny.rootHparams(), VitTiny.IMAGE_SIZE, 2, blobs),
                InputNormalisation.SIGNED,
                blobs);
        Map<String, Path> both = new LinkedHashMap<>();
        both.put("root", system.rootPaths().get(0));
        both.put("digits", system.bestPaths().get("digits"));
        List<LabeledImage> images = VitTiny.images();
        TorchRuntime.prepareThread(1);
        FrozenComponentCache cache = new FrozenComponentCache(1L << 30);
        Map<String, float[][]> together;
        PredictionPlan plan = PredictionPlan.of(system, both, Map.of());
        try (PathPredictor predictor = new PathPredictor(plan, blobs, cache)) {
            // 7 components each; the embeddings and block 0 (4) are shared: 4 + 3 + 3
            assertEquals(10, predictor.componentsPerBatch());
            assertEquals(10, plan.componentsPerBatch());
            assertEquals(14, plan.componentsWithoutSharing());
            together = predictor.predict(images);
        }
        assertEquals(List.of("root", "digits"), List.copyOf(together.keySet()));
        for (Map.Entry<String, Path> entry : both.entrySet()) {
            try (PathPredictor alone = new PathPredictor(
                    PredictionPlan.of(system, Map.of(entry.getKey(), entry.getValue()), Map.of()), blobs, cache)) {
                float[][] logits = alone.predict(images).get(entry.getKey());
                for (int i = 0; i < logits.length; i++) {
                    assertArrayEquals(logits[i], together.get(entry.getKey())[i], entry.getKey() + " image " + i);
                }
            }
        }
        assertTrue(VitTiny.maxDifference(together.get("root"), VitTiny.logits()) < 1e-4);
    }

    @Test
    void classScoresAreTheSoftmaxRankedWithTiesByLabel() {
        ClassScores scores = ClassScores.of(new float[] {1f, 3f, 3f, 1000f, -2f});
        assertEquals(3, scores.best().label());
        assertEquals(1.0, scores.best().score(), 1e-12);
        ClassScores plain = ClassScores.of(new float[] {0f, (float) Math.log(3), 0f});
        assertEquals(0.6, plain.best().score(), 1e-6);
        assertEquals(
                List.of(1, 0, 2),
                plain.topK(5).stream().map(ClassScores.Scored::label).toList());
        assertEquals(2, plain.topK(2).size());
    }
}
