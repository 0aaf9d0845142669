package munet.store;

import java.io.IOException;

/** A blob that is missing or whose bytes do not hash to its id. */
public final class BadBlobException extends IOException {
    private final String blobId;

    public BadBlobException(String blobId, String message) {
        super(message);
        this.blobId = blobId;
    }

    public String blobId() {
        return blobId;
    }
}
