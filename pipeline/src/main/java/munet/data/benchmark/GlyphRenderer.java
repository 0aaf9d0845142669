package munet.data.benchmark;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Renders one character image: a random allowed face, glyph size, shift, rotation, shear,
 * stroke and background colours (at least {@code min-contrast} apart in luminance) and Gaussian
 * pixel noise, all drawn from the given generator, so a seed fixes the image.
 */
final class GlyphRenderer {
    private final int side;
    private final RenderStyle style;

    GlyphRenderer(int side, RenderStyle style) {
        this.side = side;
        this.style = style;
    }

    BufferedImage render(int codePoint, List<Font> faces, RandomGenerator rng) {
        Font font = faces.get(rng.nextInt(faces.size()));
        Shape glyph = FontCatalog.glyphs(font, codePoint).getOutline();
        Rectangle2D bounds = glyph.getBounds2D();
        double target = side * uniform(rng, style.minGlyphScale(), style.maxGlyphScale());
        double scale = target / Math.max(bounds.getWidth(), bounds.getHeight());
        double shift = style.maxShift() * side;
        // Applied right to left: centre the glyph on the origin, scale, shear, rotate, then move it
        // to the (shifted) image centre.
        AffineTransform t = new AffineTransform();
        t.translate(side / 2.0 + uniform(rng, -shift, shift), side / 2.0 + uniform(rng, -shift, shift));
        t.rotate(Math.toRadians(uniform(rng, -style.maxRotationDegrees(), style.maxRotationDegrees())));
        t.shear(uniform(rng, -style.maxShear(), style.maxShear()), 0);
        t.scale(scale, scale);
        t.translate(-bounds.getCenterX(), -bounds.getCenterY());

        Color background = randomColour(rng);
        Color stroke = contrasting(background, rng);
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(background);
            g.fillRect(0, 0, side, side);
            g.setColor(stroke);
            g.fill(t.createTransformedShape(glyph));
        } finally {
            g.dispose();
        }
        addNoise(image, rng);
        return image;
    }

    private Color contrasting(Color background, RandomGenerator rng) {
        for (int attempt = 0; attempt < 32; attempt++) {
            Color c = randomColour(rng);
            if (Math.abs(luminance(c) - luminance(background)) >= style.minContrast()) {
                return c;
            }
        }
        // Rare: fall back to the extreme farthest from the background.
        return luminance(background) < 128 ? Color.WHITE : Color.BLACK;
    }

    private void addNoise(BufferedImage image, RandomGenerator rng) {
        if (style.noiseStddev() == 0) {
            return;
        }
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            int rgb = pixels[i];
            pixels[i] = noisy(rgb >> 16, rng) << 16 | noisy(rgb >> 8, rng) << 8 | noisy(rgb, rng);
        }
    }

    private int noisy(int channel, RandomGenerator rng) {
        long v = Math.round((channel & 0xff) + rng.nextGaussian() * style.noiseStddev());
        return (int) Math.max(0, Math.min(255, v));
    }

    private static Color randomColour(RandomGenerator rng) {
        return new Color(rng.nextInt(256), rng.nextInt(256), rng.nextInt(256));
    }

    static double luminance(Color c) {
        return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
    }

    private static double uniform(RandomGenerator rng, double lo, double hi) {
        return lo == hi ? lo : rng.nextDouble(lo, hi);
    }
}
