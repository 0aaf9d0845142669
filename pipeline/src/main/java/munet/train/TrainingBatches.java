package munet.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import munet.data.LabeledImage;

/**
 * An endless stream of augmented training batches: examples reshuffled every epoch, all draws
 * from one seeded generator. The pixel and label buffers are reused: every batch is copied into
 * the step's arrays.
 */
final class TrainingBatches {
    private final List<LabeledImage> examples;
    private final ImagePreprocessor preprocessor;
    private final int batchSize;
    private final Random random;
    private final int[] order;
    private final float[] pixels;
    private final int[] labels;
    private final Shape imagesShape;
    private int position;

    TrainingBatches(List<LabeledImage> examples, ImagePreprocessor preprocessor, int batchSize, Random random) {
        this.examples = examples;
        this.preprocessor = preprocessor;
        this.batchSize = batchSize;
        this.random = random;
        this.order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        this.position = order.length;
        this.pixels = new float[batchSize * preprocessor.valuesPerImage()];
        this.labels = new int[batchSize];
        int size = preprocessor.imageSize();
        this.imagesShape = new Shape(batchSize, 3, size, size);
    }

    /** The next batch on {@code manager}: images [N, 3, S, S] and their labels [N]. */
    NDList next(NDManager manager) {
        int values = preprocessor.valuesPerImage();
        for (int i = 0; i < batchSize; i++) {
            if (position == order.length) {
                shuffle();
            }
            LabeledImage image = examples.get(order[position++]);
            preprocessor.augment(image, random, pixels, i * values);
            labels[i] = image.label();
        }
        return new NDList(manager.create(pixels, imagesShape), manager.create(labels));
    }

    private void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        position = 0;
    }
}
