package munet.inference;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import munet.data.ImageDecoder;
import munet.data.LabeledImage;
import munet.model.FrozenComponentCache;
import munet.store.Blobs;

/**
 * Scores encoded images (PNG or JPEG bytes) with the paths of a plan, one batch at a time: what
 * each Spark partition of {@code predict} and of the DataFrame scorer runs. An image that does
 * not decode fails the batch naming it: a prediction for it would be meaningless.
 */
public final class ImageScorer implements AutoCloseable {
    private final PredictionPlan plan;
    private final PathPredictor predictor;
    private final ImageDecoder decoder;
    private final int topK;
    private final boolean withLogits;

    /** One class of a top-k list. */
    public record TopClass(int label, String labelName, double score) {}

    /**
     * Image {@code index} of the batch as task {@code task} sees it: its label, the label's name
     * (null when unknown), its probability, the top-k classes, and the logits when asked (else null).
     */
    public record Prediction(
            int index, String task, int label, String labelName, double score, List<TopClass> topK, float[] logits) {}

    public ImageScorer(
            PredictionPlan plan,
            Blobs blobs,
            FrozenComponentCache cache,
            long maxImagePixels,
            int topK,
            boolean withLogits)
            throws IOException {
        if (topK < 1) {
            throw new IllegalArgumentException("--top-k must be at least 1, got " + topK);
        }
        this.plan = plan;
        this.decoder = new ImageDecoder(maxImagePixels);
        this.topK = topK;
        this.withLogits = withLogits;
        this.predictor = new PathPredictor(plan, blobs, cache);
    }

    /** Predictions for every image and task, image by image, tasks in the plan's order; {@code names} name the images in errors. */
    public List<Prediction> score(List<byte[]> images, List<String> names) throws IOException {
        List<LabeledImage> decoded = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            decoded.add(decoder.decode(images.get(i), 0, names.get(i)));
        }
        Map<String, float[][]> logits = predictor.predict(decoded);
        List<Prediction> predictions = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            for (Map.Entry<String, PredictionPlan.PlannedPath> entry :
                    plan.paths().entrySet()) {
                PredictionPlan.PlannedPath path = entry.getValue();
                ClassScores scores = ClassScores.of(logits.get(entry.getKey())[i]);
                List<TopClass> top = scores.topK(topK).stream()
                        .map(s -> new TopClass(s.label(), path.labelName(s.label()), s.score()))
                        .toList();
                predictions.add(new Prediction(
                        i,
                        entry.getKey(),
                        top.get(0).label(),
                        top.get(0).labelName(),
                        top.get(0).score(),
                        top,
                        withLogits ? scores.logits() : null));
            }
        }
        return predictions;
    }

    @Override
    public void close() {
        predictor.close();
    }
}
