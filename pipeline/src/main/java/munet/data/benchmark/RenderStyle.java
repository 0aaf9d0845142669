package munet.data.benchmark;

import com.typesafe.config.Config;
import java.util.List;

/** The ranges the random appearance of each rendered character is drawn from. */
public record RenderStyle(
        double minGlyphScale,
        double maxGlyphScale,
        double maxRotationDegrees,
        double maxShear,
        double maxShift,
        int minContrast,
        double noiseStddev) {

    public RenderStyle {
        if (minGlyphScale <= 0 || maxGlyphScale < minGlyphScale || maxGlyphScale > 1) {
            throw new IllegalArgumentException("glyph-scale must be [min, max] with 0 < min <= max <= 1," + " got ["
                    + minGlyphScale + ", " + maxGlyphScale + "]");
        }
        if (minContrast < 0 || minContrast > 200) {
            throw new IllegalArgumentException("min-contrast must be in 0..200, got " + minContrast);
        }
        if (maxRotationDegrees < 0 || maxShear < 0 || maxShift < 0 || noiseStddev < 0) {
            throw new IllegalArgumentException("rotation, shear, shift and noise must be >= 0");
        }
    }

    static RenderStyle fromConfig(Config task) {
        List<Double> scale = task.getDoubleList("glyph-scale");
        if (scale.size() != 2) {
            throw new IllegalArgumentException("glyph-scale must be a list [min, max], got " + scale);
        }
        return new RenderStyle(
                scale.get(0),
                scale.get(1),
                task.getDouble("max-rotation-degrees"),
                task.getDouble("max-shear"),
                task.getDouble("max-shift"),
                task.getInt("min-contrast"),
                task.getDouble("noise-stddev"));
    }
}
