package munet.store;

import java.io.IOException;

/**
 * Content-addressed component blobs (safetensors bytes). The id of a blob is the lowercase hex
 * SHA-256 of its bytes, so writing the same bytes twice is a no-op and a read can be verified.
 */
public interface Blobs {

    /** The bytes of blob {@code id}; fails if it is missing or its bytes do not hash to {@code id}. */
    byte[] read(String id) throws IOException;

    /** Stores {@code bytes} (idempotently) and returns their id. */
    String write(byte[] bytes) throws IOException;
}
