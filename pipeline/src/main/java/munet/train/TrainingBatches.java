package munet.train;

import java.util.List;
import java.util.Random;
import munet.data.LabeledImage;

/** An endless stream of augmented training batches: examples reshuffled every epoch, all draws from one seeded generator. */
final class TrainingBatches {
  private final List<LabeledImage> examples;
  private final ImagePreprocessor preprocessor;
  private final int batchSize;
  private final Random random;
  private final int[] order;
  private int position;

  record Batch(float[] pixels, int[] labels) {}

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
  }

  int imageSize() {
    return preprocessor.imageSize();
  }

  Batch next() {
    int values = preprocessor.valuesPerImage();
    float[] pixels = new float[batchSize * values];
    int[] labels = new int[batchSize];
    for (int i = 0; i < batchSize; i++) {
      if (position == order.length) {
        shuffle();
      }
      LabeledImage image = examples.get(order[position++]);
      preprocessor.augment(image, random, pixels, i * values);
      labels[i] = image.label();
    }
    return new Batch(pixels, labels);
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
