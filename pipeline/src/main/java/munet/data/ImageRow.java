package munet.data;

/**
 * One stored row: the encoded image (PNG or JPEG) with its file name, as in the Hugging Face
 * {@code Image} feature, and the class index.
 */
public record ImageRow(byte[] bytes, String path, long label) {}
