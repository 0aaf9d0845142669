package munet.train;

import java.util.Random;
import munet.data.LabeledImage;
import munet.system.Hyperparameter;
import munet.system.Hyperparameters;
import munet.system.InputNormalisation;

/**
 * Turns decoded images into network input: float CHW at the path's image size, each channel
 * normalised as the system says ({@code (pixel - mean) / std}; [-1, 1] for systems that predate it).
 * Training images get the generation's augmentation (random resized crop, horizontal flip,
 * brightness / contrast / saturation / hue jitter); validation and test images are only resized.
 */
public record ImagePreprocessor(
        int imageSize,
        boolean crop,
        double areaMin,
        double aspectMin,
        boolean flip,
        double brightness,
        double contrast,
        double saturation,
        double hue,
        InputNormalisation normalisation) {

    public ImagePreprocessor {
        java.util.Objects.requireNonNull(normalisation, "input normalisation");
        if (imageSize < 1) {
            throw new IllegalArgumentException("hyperparameter ds_image_size must be >= 1, got " + imageSize);
        }
        if (areaMin <= 0 || areaMin > 1) {
            throw new IllegalArgumentException("hyperparameter ds_area_range_min must be in (0, 1], got " + areaMin);
        }
        if (aspectMin <= 0 || aspectMin > 1) {
            throw new IllegalArgumentException(
                    "hyperparameter ds_aspect_ratio_range_min must be in (0, 1], got " + aspectMin);
        }
    }

    /** The preprocessing of a candidate's {@code ds_*} hyperparameters in a system with this normalisation. */
    public static ImagePreprocessor of(Hyperparameters h, InputNormalisation normalisation) {
        return new ImagePreprocessor(
                h.getInt(Hyperparameter.DS_IMAGE_SIZE),
                h.getBoolean(Hyperparameter.DS_CROP),
                h.getDouble(Hyperparameter.DS_AREA_RANGE_MIN),
                h.getDouble(Hyperparameter.DS_ASPECT_RATIO_RANGE_MIN),
                h.getBoolean(Hyperparameter.DS_FLIP_LEFT_RIGHT),
                h.getDouble(Hyperparameter.DS_BRIGHTNESS_DELTA),
                h.getDouble(Hyperparameter.DS_CONTRAST_DELTA),
                h.getDouble(Hyperparameter.DS_SATURATION_DELTA),
                h.getDouble(Hyperparameter.DS_HUE_DELTA),
                normalisation);
    }

    /** Resizing only, for evaluation and prediction: needs no augmentation hyperparameters. */
    public static ImagePreprocessor resizeOnly(int imageSize, InputNormalisation normalisation) {
        return new ImagePreprocessor(imageSize, false, 1, 1, false, 0, 0, 0, 0, normalisation);
    }

    public int valuesPerImage() {
        return 3 * imageSize * imageSize;
    }

    /** Writes the resized image into {@code out} at {@code offset}. */
    public void resize(LabeledImage image, float[] out, int offset) {
        sample(image, 0, 0, image.width(), image.height(), false, out, offset);
        normalise(out, offset);
    }

    /** Writes an augmented copy into {@code out} at {@code offset}, drawing every choice from {@code random}. */
    public void augment(LabeledImage image, Random random, float[] out, int offset) {
        double[] box = crop
                ? cropBox(image.width(), image.height(), random)
                : new double[] {0, 0, image.width(), image.height()};
        boolean mirrored = flip && random.nextBoolean();
        sample(image, box[0], box[1], box[2], box[3], mirrored, out, offset);
        jitter(out, offset, random);
        normalise(out, offset);
    }

    /** Inception-style crop: area fraction and log-aspect uniform; the whole image after 10 misses. */
    private double[] cropBox(int width, int height, Random random) {
        double area = (double) width * height;
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * (areaMin + (1 - areaMin) * random.nextDouble());
            double logRatio = Math.log(aspectMin) + (-2 * Math.log(aspectMin)) * random.nextDouble();
            double ratio = Math.exp(logRatio);
            double w = Math.sqrt(target * ratio);
            double h = Math.sqrt(target / ratio);
            if (w <= width && h <= height) {
                return new double[] {random.nextDouble() * (width - w), random.nextDouble() * (height - h), w, h};
            }
        }
        return new double[] {0, 0, width, height};
    }

    /** Bilinear sampling of the box [x0, x0+w) x [y0, y0+h) to imageSize^2 pixels in [0, 1], CHW. */
    private void sample(
            LabeledImage image, double x0, double y0, double w, double h, boolean mirrored, float[] out, int offset) {
        int plane = imageSize * imageSize;
        byte[] rgb = image.rgb();
        // source columns depend on the output column only: computed once, not once per output row
        int[] xas = new int[imageSize];
        int[] xbs = new int[imageSize];
        double[] fxs = new double[imageSize];
        for (int ox = 0; ox < imageSize; ox++) {
            int column = mirrored ? imageSize - 1 - ox : ox;
            double sx = clamp(x0 + (column + 0.5) * w / imageSize - 0.5, image.width() - 1);
            xas[ox] = (int) sx;
            xbs[ox] = Math.min(xas[ox] + 1, image.width() - 1);
            fxs[ox] = sx - xas[ox];
        }
        for (int oy = 0; oy < imageSize; oy++) {
            double sy = clamp(y0 + (oy + 0.5) * h / imageSize - 0.5, image.height() - 1);
            int ya = (int) sy;
            int yb = Math.min(ya + 1, image.height() - 1);
            double fy = sy - ya;
            for (int ox = 0; ox < imageSize; ox++) {
                int xa = xas[ox];
                int xb = xbs[ox];
                double fx = fxs[ox];
                for (int c = 0; c < 3; c++) {
                    double top =
                            pixel(rgb, image.width(), ya, xa, c) * (1 - fx) + pixel(rgb, image.width(), ya, xb, c) * fx;
                    double bottom =
                            pixel(rgb, image.width(), yb, xa, c) * (1 - fx) + pixel(rgb, image.width(), yb, xb, c) * fx;
                    out[offset + c * plane + oy * imageSize + ox] = (float) ((top * (1 - fy) + bottom * fy) / 255.0);
                }
            }
        }
    }

    private void jitter(float[] out, int offset, Random random) {
        if (brightness == 0 && contrast == 0 && saturation == 0 && hue == 0) {
            return;
        }
        double shift = (random.nextDouble() * 2 - 1) * brightness;
        double contrastFactor = Math.max(0, 1 + (random.nextDouble() * 2 - 1) * contrast);
        double saturationFactor = Math.max(0, 1 + (random.nextDouble() * 2 - 1) * saturation);
        double angle = (random.nextDouble() * 2 - 1) * hue * 2 * Math.PI;
        int plane = imageSize * imageSize;
        double mean = 0;
        for (int i = 0; i < plane; i++) {
            mean += gray(out[offset + i], out[offset + plane + i], out[offset + 2 * plane + i]) + shift;
        }
        mean /= plane;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        for (int i = 0; i < plane; i++) {
            double r = (out[offset + i] + shift - mean) * contrastFactor + mean;
            double g = (out[offset + plane + i] + shift - mean) * contrastFactor + mean;
            double b = (out[offset + 2 * plane + i] + shift - mean) * contrastFactor + mean;
            double luma = gray(r, g, b);
            // saturation scales and hue rotates the chroma plane of YIQ
            double iq1 = (0.596 * r - 0.274 * g - 0.322 * b) * saturationFactor;
            double iq2 = (0.211 * r - 0.523 * g + 0.312 * b) * saturationFactor;
            double i1 = iq1 * cos - iq2 * sin;
            double q1 = iq1 * sin + iq2 * cos;
            out[offset + i] = (float) clamp(luma + 0.956 * i1 + 0.621 * q1, 1);
            out[offset + plane + i] = (float) clamp(luma - 0.272 * i1 - 0.647 * q1, 1);
            out[offset + 2 * plane + i] = (float) clamp(luma - 1.106 * i1 + 1.703 * q1, 1);
        }
    }

    /**
     * In float arithmetic, so that mean = std = 0.5 gives exactly the bits of the {@code x * 2 - 1}
     * that systems before recorded normalisation were trained and verified with (scaling by 2 is exact).
     */
    private void normalise(float[] out, int offset) {
        int plane = imageSize * imageSize;
        for (int c = 0; c < 3; c++) {
            float mean = normalisation.mean().get(c).floatValue();
            float std = normalisation.std().get(c).floatValue();
            for (int i = offset + c * plane; i < offset + (c + 1) * plane; i++) {
                out[i] = (out[i] - mean) / std;
            }
        }
    }

    private static double gray(double r, double g, double b) {
        return 0.299 * r + 0.587 * g + 0.114 * b;
    }

    private static int pixel(byte[] rgb, int width, int y, int x, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }

    private static double clamp(double value, double max) {
        return Math.min(Math.max(value, 0), max);
    }
}
