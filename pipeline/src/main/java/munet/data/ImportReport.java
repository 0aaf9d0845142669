package munet.data;

import java.util.Map;

/** What an import or generation wrote: rows per split and corrupt images skipped. */
public record ImportReport(String destination, Map<String, Long> rowsPerSplit, long skippedCorrupt) {

    public ImportReport {
        rowsPerSplit = Map.copyOf(rowsPerSplit);
    }

    @Override
    public String toString() {
        return destination + ": train " + rowsPerSplit.get(DatasetSplits.TRAIN) + ", validation "
                + rowsPerSplit.get(DatasetSplits.VALIDATION) + ", test "
                + rowsPerSplit.get(DatasetSplits.TEST) + " images"
                + (skippedCorrupt > 0 ? "; skipped " + skippedCorrupt + " corrupt images" : "");
    }
}
