package munet.data;

/**
 * Which rows of {@code train} are set aside for a missing {@code validation} (and, for datasets
 * that come with no splits at all, {@code test}) split. The choice depends only on the seed and
 * the row's position in the train split, so importing and reading carve the same rows.
 */
public record SplitCarve(double validationFraction, double testFraction, long seed) {

    public SplitCarve {
        if (validationFraction < 0 || testFraction < 0 || validationFraction + testFraction >= 1) {
            throw new IllegalArgumentException("carved fractions must be >= 0 and sum to < 1, got " + "validation "
                    + validationFraction + " and test " + testFraction);
        }
    }

    /** The split the train row at {@code index} (0-based, in file order) belongs to. */
    public String splitOf(long index) {
        double u = (mix(seed ^ mix(index)) >>> 11) * 0x1.0p-53;
        if (u < validationFraction) {
            return DatasetSplits.VALIDATION;
        }
        return u < validationFraction + testFraction ? DatasetSplits.TEST : DatasetSplits.TRAIN;
    }

    /**
     * The part of this carve a dataset needs given the splits it brings: null when it has both
     * validation and test, else this carve limited to the missing ones.
     */
    public SplitCarve forMissing(boolean hasValidation, boolean hasTest) {
        if (hasValidation && hasTest) {
            return null;
        }
        return new SplitCarve(hasValidation ? 0 : validationFraction, hasTest ? 0 : testFraction, seed);
    }

    // SplitMix64 finaliser: a stateless, well-spread hash of the row index.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
