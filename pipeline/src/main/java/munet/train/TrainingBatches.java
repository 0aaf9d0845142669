package munet.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import munet.data.LabeledImage;

/**
 * A candidate's {@code count} augmented training batches: examples reshuffled every epoch, all
 * draws from one seeded generator, in one order. With {@code prefetch > 0} a thread of its own
 * draws up to that many batches ahead while the engine computes the current step; it is the only
 * user of the generator and fills the batches in the same order, so the batches are the same with
 * or without it. Pixel and label buffers are reused: each batch is copied into the step's arrays.
 */
final class TrainingBatches implements AutoCloseable {
    private final List<LabeledImage> examples;
    private final ImagePreprocessor preprocessor;
    private final int batchSize;
    private final Random random;
    private final int[] order;
    private final Shape imagesShape;
    private final int count;
    private final BlockingQueue<Buffer> free;
    private final BlockingQueue<Buffer> ready;
    private final Thread drawer;
    private int position;
    private int taken;

    /** One batch's pixels and labels, or the failure that ended the drawing thread. */
    private record Buffer(float[] pixels, int[] labels, RuntimeException failure) {}

    TrainingBatches(
            List<LabeledImage> examples,
            ImagePreprocessor preprocessor,
            int batchSize,
            Random random,
            int count,
            int prefetch,
            String name) {
        this.examples = examples;
        this.preprocessor = preprocessor;
        this.batchSize = batchSize;
        this.random = random;
        this.count = count;
        this.order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        this.position = order.length;
        int size = preprocessor.imageSize();
        this.imagesShape = new Shape(batchSize, 3, size, size);
        // a step copies the batch it takes into its own arrays and hands the buffer back at once, so
        // prefetch buffers let that many batches wait ready; drawn inline, one buffer serves every step
        int buffers = Math.max(1, prefetch);
        this.free = new ArrayBlockingQueue<>(buffers);
        this.ready = new ArrayBlockingQueue<>(buffers);
        for (int i = 0; i < buffers; i++) {
            free.add(new Buffer(new float[batchSize * preprocessor.valuesPerImage()], new int[batchSize], null));
        }
        if (prefetch > 0) {
            drawer = new Thread(this::drawAll, "munet-batches " + name);
            drawer.setDaemon(true);
            drawer.start();
        } else {
            drawer = null;
        }
    }

    /** The next batch on {@code manager}: images [N, 3, S, S] and their labels [N]. */
    NDList next(NDManager manager) {
        if (taken == count) {
            throw new IllegalStateException("all " + count + " training batches were taken");
        }
        taken++;
        Buffer buffer;
        try {
            buffer = drawer == null ? draw(free.take()) : ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a training batch", e);
        }
        if (buffer.failure() != null) {
            throw new IllegalStateException("drawing a training batch failed: " + buffer.failure(), buffer.failure());
        }
        NDList batch = new NDList(manager.create(buffer.pixels(), imagesShape), manager.create(buffer.labels()));
        free.add(buffer);
        return batch;
    }

    /** Stops the drawing thread (a candidate that failed part-way leaves batches undrawn). */
    @Override
    public void close() {
        if (drawer != null) {
            drawer.interrupt();
        }
    }

    private void drawAll() {
        try {
            for (int b = 0; b < count; b++) {
                Buffer buffer = free.take();
                try {
                    ready.put(draw(buffer));
                } catch (RuntimeException e) {
                    ready.put(new Buffer(null, null, e));
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed: the candidate is done or failed
        }
    }

    private Buffer draw(Buffer buffer) {
        int values = preprocessor.valuesPerImage();
        for (int i = 0; i < batchSize; i++) {
            if (position == order.length) {
                shuffle();
            }
            LabeledImage image = examples.get(order[position++]);
            preprocessor.augment(image, random, buffer.pixels(), i * values);
            buffer.labels()[i] = image.label();
        }
        return buffer;
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
