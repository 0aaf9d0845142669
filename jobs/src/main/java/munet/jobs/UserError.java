package munet.jobs;

/** A failure caused by the user's input: printed as one line, exit code non-zero, no stack trace. */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
