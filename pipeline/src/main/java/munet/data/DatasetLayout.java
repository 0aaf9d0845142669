package munet.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Where each split's rows are: the Parquet files per split (sorted, so row order is stable) and
 * whether those files mix splits in a {@code split} column that readers must filter on.
 */
public record DatasetLayout(Map<String, List<Path>> filesBySplit, boolean splitColumn) {
    public static final String SPLIT_COLUMN = "split";
    // Hugging Face Hub shards: train-00000-of-00002.parquet, test.parquet, valid.parquet, ...
    private static final Pattern HUB_NAME =
            Pattern.compile("(train|validation|valid|val|dev|test)([-_.].*)?\\.parquet");
    /** The names datasets give their splits, as folders or file names: the validation split has several. */
    private static final Map<String, String> SPLIT_NAMES = Map.of(
            "train", DatasetSplits.TRAIN,
            "validation", DatasetSplits.VALIDATION,
            "valid", DatasetSplits.VALIDATION,
            "val", DatasetSplits.VALIDATION,
            "dev", DatasetSplits.VALIDATION,
            "test", DatasetSplits.TEST);

    public DatasetLayout {
        filesBySplit = Collections.unmodifiableMap(new TreeMap<>(filesBySplit));
    }

    public boolean has(String split) {
        return filesBySplit.containsKey(split);
    }

    /** The files holding {@code split}: empty when it is carved from train. */
    public List<Path> files(String split) {
        return filesBySplit.getOrDefault(split, List.of());
    }

    Path anyFile() {
        return filesBySplit.values().iterator().next().get(0);
    }

    static DatasetLayout discover(FileSystem fs, Path root, Configuration conf) throws IOException {
        Map<String, List<Path>> bySplit = splitFolders(fs, root);
        if (!bySplit.isEmpty()) {
            return new DatasetLayout(bySplit, false);
        }
        List<Path> configs = configFolders(fs, root);
        if (configs.size() == 1) {
            return discover(fs, configs.get(0), conf);
        }
        if (configs.size() > 1) {
            throw new IllegalArgumentException("dataset " + root + " holds several configurations "
                    + configs.stream().map(Path::getName).toList()
                    + " (Hugging Face's converted Parquet, <config>/<split>/*.parquet); choose one with --subset NAME");
        }
        List<Path> all = parquetFiles(fs, root);
        if (all.isEmpty()) {
            throw new IOException("dataset " + root + " holds no .parquet files");
        }
        boolean hub = true;
        for (Path f : all) {
            Matcher m = HUB_NAME.matcher(f.getName());
            if (!m.matches()) {
                hub = false;
                break;
            }
            bySplit.computeIfAbsent(SPLIT_NAMES.get(m.group(1)), k -> new ArrayList<>())
                    .add(f);
        }
        if (hub) {
            return new DatasetLayout(bySplit, false);
        }
        return new DatasetLayout(splitsByColumn(all, conf), true);
    }

    /** The Parquet files of each split folder of {@code root} ({@code train/}, {@code valid/}, ...); none for a file. */
    private static Map<String, List<Path>> splitFolders(FileSystem fs, Path root) throws IOException {
        Map<String, List<Path>> bySplit = new TreeMap<>();
        Map<String, Path> folderOf = new TreeMap<>();
        if (!fs.getFileStatus(root).isDirectory()) {
            return bySplit;
        }
        for (FileStatus child : fs.listStatus(root)) {
            String split = SPLIT_NAMES.get(child.getPath().getName());
            if (split == null || !child.isDirectory()) {
                continue;
            }
            Path other = folderOf.put(split, child.getPath());
            if (other != null) {
                throw new IllegalArgumentException("dataset " + root + " has two folders for the " + split + " split, "
                        + other.getName() + " and " + child.getPath().getName() + "; keep one");
            }
            List<Path> files = parquetFiles(fs, child.getPath());
            if (files.isEmpty()) {
                throw new IOException("split folder " + child.getPath() + " holds no .parquet files");
            }
            bySplit.put(split, files);
        }
        return bySplit;
    }

    /** Sub-folders of {@code root} that hold split folders: the configurations of a Hugging Face dataset. */
    private static List<Path> configFolders(FileSystem fs, Path root) throws IOException {
        List<Path> configs = new ArrayList<>();
        if (fs.getFileStatus(root).isDirectory()) {
            for (FileStatus child : fs.listStatus(root)) {
                if (child.isDirectory()
                        && visible(child.getPath(), root)
                        && !splitFolders(fs, child.getPath()).isEmpty()) {
                    configs.add(child.getPath());
                }
            }
        }
        configs.sort(null);
        return configs;
    }

    private static Map<String, List<Path>> splitsByColumn(List<Path> files, Configuration conf) throws IOException {
        Configuration projected = new Configuration(conf);
        projected.set(ReadSupport.PARQUET_READ_SCHEMA, "message m { optional binary " + SPLIT_COLUMN + " (STRING); }");
        Map<String, List<Path>> bySplit = new TreeMap<>();
        for (Path f : files) {
            try (ParquetFileReader footer = footer(f, conf)) {
                if (!footer.getFileMetaData().getSchema().containsField(SPLIT_COLUMN)) {
                    throw new IOException(f + " has no '" + SPLIT_COLUMN + "' column and is not in a "
                            + "train/validation/test folder; say which split each row belongs to");
                }
            }
            try (ParquetReader<Group> reader = rows(f, projected)) {
                long row = 0;
                for (Group g = reader.read(); g != null; g = reader.read(), row++) {
                    if (g.getFieldRepetitionCount(SPLIT_COLUMN) == 0) {
                        throw new IOException(f + " row " + row + ": the split is missing");
                    }
                    String split = g.getString(SPLIT_COLUMN, 0);
                    if (!DatasetSplits.ALL.contains(split)) {
                        throw new IOException(f + " row " + row + ": unknown split '" + split + "'; expected one of "
                                + DatasetSplits.ALL);
                    }
                    List<Path> list = bySplit.computeIfAbsent(split, k -> new ArrayList<>());
                    if (!list.contains(f)) {
                        list.add(f);
                    }
                }
            }
        }
        return bySplit;
    }

    /** Opens a file's footer; a file that is not Parquet is an IOException naming it. */
    static ParquetFileReader footer(Path file, Configuration conf) throws IOException {
        try {
            return ParquetFileReader.open(HadoopInputFile.fromPath(file, conf));
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a readable Parquet file: " + e.getMessage(), e);
        }
    }

    /** Opens a file's rows as generic groups (the projection, if any, comes from conf). */
    static ParquetReader<Group> rows(Path file, Configuration conf) throws IOException {
        try {
            return ParquetReader.builder(new GroupReadSupport(), file)
                    .withConf(conf)
                    .build();
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a readable Parquet file: " + e.getMessage(), e);
        }
    }

    private static List<Path> parquetFiles(FileSystem fs, Path folder) throws IOException {
        Path dir = fs.makeQualified(folder);
        List<Path> out = new ArrayList<>();
        if (fs.getFileStatus(dir).isFile()) {
            return List.of(dir);
        }
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
        while (it.hasNext()) {
            FileStatus s = it.next();
            if (s.getPath().getName().endsWith(".parquet") && visible(s.getPath(), dir)) {
                out.add(s.getPath());
            }
        }
        Collections.sort(out);
        return out;
    }

    // Skips hidden and bookkeeping entries (.crc, _SUCCESS, _temporary) anywhere below dir.
    private static boolean visible(Path p, Path dir) {
        for (Path q = p; q != null && !q.equals(dir); q = q.getParent()) {
            if (q.getName().startsWith(".") || q.getName().startsWith("_")) {
                return false;
            }
        }
        return true;
    }
}
