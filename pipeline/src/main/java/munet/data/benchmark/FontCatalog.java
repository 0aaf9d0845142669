package munet.data.benchmark;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.PathIterator;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The font faces installed on this machine, and the check that a face really draws a character.
 * {@code canDisplay} is not enough: a face may map a code point to its missing-glyph box (the
 * ".notdef" outline), so the character's outline is compared with the box's. A face present in
 * several files (TTF, OTF, Type 1) is one face, identified by its full name.
 */
public final class FontCatalog {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);
    private static final float REFERENCE_SIZE = 64f;
    private final List<Font> installed;

    FontCatalog(List<Font> installed) {
        this.installed = List.copyOf(installed);
    }

    /** The physical faces the JVM sees (logical fonts such as Dialog are composites, left out). */
    public static FontCatalog installed() {
        List<Font> faces = new ArrayList<>();
        for (Font f : GraphicsEnvironment.getLocalGraphicsEnvironment().getAllFonts()) {
            if (!List.of(Font.DIALOG, Font.DIALOG_INPUT, Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED)
                    .contains(f.getFamily(Locale.ROOT))) {
                faces.add(f);
            }
        }
        return new FontCatalog(faces);
    }

    /**
     * The faces an allowlist admits, at the reference size: an entry is a family name (every
     * installed face of it) or an absolute path of a font file. Each face is listed once.
     */
    public List<Font> allowed(List<String> allowlist) throws IOException {
        Map<String, Font> faces = new LinkedHashMap<>();
        for (String entry : allowlist) {
            if (entry.startsWith("/")) {
                Font f = load(new File(entry));
                faces.putIfAbsent(faceKey(f), f);
                continue;
            }
            for (Font f : installed) {
                if (f.getFamily(Locale.ROOT).equalsIgnoreCase(entry)) {
                    faces.putIfAbsent(faceKey(f), f.deriveFont(REFERENCE_SIZE));
                }
            }
        }
        return List.copyOf(faces.values());
    }

    /** True when {@code font} draws {@code codePoint} as a real, non-empty glyph. */
    public static boolean renders(Font font, int codePoint) {
        if (!font.canDisplay(codePoint)) {
            return false;
        }
        GlyphVector gv = font.createGlyphVector(CONTEXT, Character.toString(codePoint));
        for (int i = 0; i < gv.getNumGlyphs(); i++) {
            if (gv.getGlyphCode(i) == font.getMissingGlyphCode()) {
                return false;
            }
        }
        Shape outline = gv.getOutline();
        return !outline.getBounds2D().isEmpty() && !isMissingGlyph(font, outline);
    }

    /** True when {@code outline} is the face's missing-glyph box, whatever glyph code drew it. */
    static boolean isMissingGlyph(Font font, Shape outline) {
        GlyphVector box = font.createGlyphVector(CONTEXT, new int[] {font.getMissingGlyphCode()});
        return Arrays.equals(segments(box.getOutline()), segments(outline));
    }

    static GlyphVector glyphs(Font font, int codePoint) {
        return font.createGlyphVector(CONTEXT, Character.toString(codePoint));
    }

    private static double[] segments(Shape shape) {
        List<Double> out = new ArrayList<>();
        double[] coords = new double[6];
        for (PathIterator it = shape.getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(coords);
            out.add((double) type);
            int n = switch (type) {
                case PathIterator.SEG_MOVETO, PathIterator.SEG_LINETO -> 2;
                case PathIterator.SEG_QUADTO -> 4;
                case PathIterator.SEG_CUBICTO -> 6;
                default -> 0;
            };
            for (int i = 0; i < n; i++) {
                out.add(coords[i]);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Font load(File file) throws IOException {
        String name = file.getName().toLowerCase(Locale.ROOT);
        int format = name.endsWith(".pfb") || name.endsWith(".pfa") ? Font.TYPE1_FONT : Font.TRUETYPE_FONT;
        try {
            return Font.createFont(format, file).deriveFont(REFERENCE_SIZE);
        } catch (FontFormatException | IOException e) {
            throw new IOException("font file " + file + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    private static String faceKey(Font f) {
        return f.getFontName(Locale.ROOT).toLowerCase(Locale.ROOT);
    }
}
