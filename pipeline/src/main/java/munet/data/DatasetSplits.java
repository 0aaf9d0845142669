package munet.data;

import java.util.List;

/** The split names every task dataset has once imported. */
public final class DatasetSplits {
    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";
    public static final List<String> ALL = List.of(TRAIN, VALIDATION, TEST);

    private DatasetSplits() {}

    /** Checks a split name given by a caller. */
    public static String require(String split) {
        if (!ALL.contains(split)) {
            throw new IllegalArgumentException("unknown split '" + split + "'; expected one of " + ALL);
        }
        return split;
    }
}
