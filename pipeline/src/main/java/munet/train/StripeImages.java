package munet.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import munet.data.ExampleSource;
import munet.data.LabeledImage;

/**
 * A synthetic task for benchmarks and engine tests: class k is a stripe pattern (orientation
 * and colour depend on k) with random phase and pixel noise. Needs no files; the dataset uri is
 * ignored and every split is drawn from its own seed.
 */
public final class StripeImages implements ExampleSource {
    private static final int[][] COLOURS = {{230, 40, 40}, {40, 200, 40}, {50, 60, 230}, {220, 210, 40}};
    private final int classes;
    private final int size;
    private final int perSplit;
    private final long seed;

    public StripeImages(int classes, int size, int perSplit, long seed) {
        if (classes < 2 || classes > 2 * COLOURS.length) {
            throw new IllegalArgumentException(
                    "stripe images support 2.." + 2 * COLOURS.length + " classes, got " + classes);
        }
        this.classes = classes;
        this.size = size;
        this.perSplit = perSplit;
        this.seed = seed;
    }

    @Override
    public List<LabeledImage> examples(String datasetUri, String split) {
        Random random = new Random(seed * 31 + split.hashCode());
        List<LabeledImage> images = new ArrayList<>();
        for (int i = 0; i < perSplit; i++) {
            images.add(image(i % classes, random));
        }
        return images;
    }

    private LabeledImage image(int label, Random random) {
        int[] colour = COLOURS[label % COLOURS.length];
        boolean vertical = label >= COLOURS.length;
        int period = 4;
        int phase = random.nextInt(period);
        byte[] rgb = new byte[size * size * 3];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean on = ((vertical ? x : y) + phase) % period < period / 2;
                for (int c = 0; c < 3; c++) {
                    int value = (on ? colour[c] : 30) + (int) (random.nextGaussian() * 20);
                    rgb[(y * size + x) * 3 + c] = (byte) Math.max(0, Math.min(255, value));
                }
            }
        }
        return new LabeledImage(size, size, rgb, label);
    }
}
