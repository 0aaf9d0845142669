package munet.data;

/**
 * One decoded example: 8-bit RGB pixels, row-major and channel-interleaved (HWC), at the image's
 * own size. Resizing and augmentation to a path's image size happen in the trainer.
 */
public record LabeledImage(int width, int height, byte[] rgb, int label) {

    public LabeledImage {
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("expected " + (width * height * 3) + " RGB bytes for " + width + "x"
                    + height + ", got " + rgb.length);
        }
    }
}
