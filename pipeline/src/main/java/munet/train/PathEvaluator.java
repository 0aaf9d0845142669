package munet.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import munet.data.LabeledImage;
import munet.model.PathModel;
import munet.model.TorchRuntime;

/** Predictions of a model on resized (not augmented) examples, without grad. */
final class PathEvaluator {
    private PathEvaluator() {}

    static int[] predict(PathModel model, List<LabeledImage> examples, ImagePreprocessor preprocessor, int batchSize) {
        return predictTogether(List.of(model), 0, examples, preprocessor, batchSize)[0];
    }

    /**
     * Predictions of each of {@code models} (one row per model), whose first {@code prefix} blocks are
     * the same frozen components: each batch is resized once and its prefix computed once. The
     * models run the same ops on the same input as apart, so every row equals {@link #predict}'s.
     */
    static int[][] predictTogether(
            List<PathModel> models,
            int prefix,
            List<LabeledImage> examples,
            ImagePreprocessor preprocessor,
            int batchSize) {
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        int[][] predictions = new int[models.size()][examples.size()];
        try {
            for (int start = 0; start < examples.size(); start += batchSize) {
                int count = Math.min(batchSize, examples.size() - start);
                float[] pixels = new float[count * preprocessor.valuesPerImage()];
                for (int i = 0; i < count; i++) {
                    preprocessor.resize(examples.get(start + i), pixels, i * preprocessor.valuesPerImage());
                }
                try (NDManager batch = TorchRuntime.newManager()) {
                    int size = preprocessor.imageSize();
                    NDArray input =
                            models.get(0).frozenPrefix(batch.create(pixels, new Shape(count, 3, size, size)), prefix);
                    for (int m = 0; m < models.size(); m++) {
                        long[] labels =
                                models.get(m).forward(input, prefix).argMax(1).toLongArray();
                        for (int i = 0; i < count; i++) {
                            predictions[m][start + i] = (int) labels[i];
                        }
                    }
                }
            }
        } finally {
            JniUtils.setGradMode(grad);
        }
        return predictions;
    }

    static double accuracy(int[] predictions, List<LabeledImage> examples) {
        int correct = 0;
        for (int i = 0; i < predictions.length; i++) {
            if (predictions[i] == examples.get(i).label()) {
                correct++;
            }
        }
        return predictions.length == 0 ? 0 : (double) correct / predictions.length;
    }

    /** Lowercase hex SHA-256 of the predicted labels, each a 4-byte big-endian int, in example order. */
    static String digest(int[] predictions) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * predictions.length);
        for (int label : predictions) {
            bytes.putInt(label);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
