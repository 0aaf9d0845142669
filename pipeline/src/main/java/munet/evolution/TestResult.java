package munet.evolution;

/** Test-split accuracy of a committed path and a digest of its predictions (for immutability checks). */
public record TestResult(String task, String pathId, double accuracy, long examples, String predictionsDigest)
        implements java.io.Serializable {}
