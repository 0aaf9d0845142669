package munet.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * Imports a folder with one sub-folder per class ({@code cat/1.png}), optionally nested per
 * split ({@code train/cat/1.png}, {@code test/cat/2.jpg}). Class names are the sorted class
 * folder names of train; PNG, JPEG and WebP files are read, other files ignored. Links are followed
 * only while they stay inside the input folder.
 */
final class ImageFolderImporter implements DatasetImporter {
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".webp");

    private final Path input;
    private final ImportOptions options;

    ImageFolderImporter(Path input, ImportOptions options) {
        this.input = input;
        this.options = options;
    }

    @Override
    public ImportReport importTo(String output, Configuration conf) throws IOException {
        if (!Files.isDirectory(input) || !Files.isReadable(input)) {
            throw new IOException("image folder " + input + " does not exist or is not a readable " + "folder");
        }
        Path root = input.toRealPath();
        Map<String, Path> splits = splitFolders(root);
        Map<String, List<Path>> classFolders = new TreeMap<>();
        for (Map.Entry<String, Path> s : splits.entrySet()) {
            classFolders.put(s.getKey(), subfolders(s.getValue(), root));
            if (classFolders.get(s.getKey()).isEmpty()) {
                throw new IllegalArgumentException(
                        "split folder " + s.getValue() + " is empty: it " + "needs one sub-folder per class");
            }
        }
        List<String> classes = classFolders.get(DatasetSplits.TRAIN).stream()
                .map(p -> p.getFileName().toString())
                .toList();
        SplitCarve carve = options.carve()
                .forMissing(splits.containsKey(DatasetSplits.VALIDATION), splits.containsKey(DatasetSplits.TEST));
        DatasetMetadata metadata = DatasetMetadata.of(classes).withCarve(carve);
        try (DatasetWriter writer =
                new DatasetWriter("image folder " + input, output, conf, metadata, options, carve)) {
            Map<String, List<Path>> imagesByFolder = new TreeMap<>();
            for (Map.Entry<String, List<Path>> s : classFolders.entrySet()) {
                for (Path classFolder : s.getValue()) {
                    if (!classes.contains(classFolder.getFileName().toString())) {
                        throw new IllegalArgumentException("class folder " + classFolder + " has no "
                                + "counterpart in the train split " + splits.get(DatasetSplits.TRAIN)
                                + "; every class must have training images");
                    }
                    imagesByFolder.put(s.getKey() + "/" + classFolder.getFileName(), images(root, classFolder));
                }
            }
            writer.expect(imagesByFolder.values().stream().mapToLong(List::size).sum());
            for (Map.Entry<String, List<Path>> folder : imagesByFolder.entrySet()) {
                String[] splitAndClass = folder.getKey().split("/", 2);
                addImages(root, folder.getValue(), splitAndClass[0], classes.indexOf(splitAndClass[1]), writer);
            }
            return writer.commit();
        }
    }

    /** The split folders when the input is nested per split, else the input itself as train. */
    private Map<String, Path> splitFolders(Path root) throws IOException {
        Map<String, Path> splits = new TreeMap<>();
        List<Path> top = subfolders(root, root);
        boolean nested = top.stream()
                .anyMatch(p -> DatasetSplits.ALL.contains(p.getFileName().toString()));
        if (!nested) {
            return Map.of(DatasetSplits.TRAIN, root);
        }
        for (Path p : top) {
            String name = p.getFileName().toString();
            if (!DatasetSplits.ALL.contains(name)) {
                throw new IllegalArgumentException("folder " + p + " sits beside split folders; with "
                        + "split folders every top-level folder must be one of " + DatasetSplits.ALL);
            }
            splits.put(name, p);
        }
        if (!splits.containsKey(DatasetSplits.TRAIN)) {
            throw new IllegalArgumentException(
                    "image folder " + input + " has split folders but no " + "'train' folder");
        }
        return splits;
    }

    /** The PNG, JPEG and WebP files under a class folder, at any depth, sorted. */
    private List<Path> images(Path root, Path classFolder) throws IOException {
        List<Path> images = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(classFolder, FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                requireInside(root, p);
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (Files.isRegularFile(p)
                        && !name.startsWith(".")
                        && EXTENSIONS.stream().anyMatch(name::endsWith)) {
                    images.add(p);
                }
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof FileSystemLoopException loop) {
                throw new IllegalArgumentException("image folder " + input + ": the symbolic link " + loop.getFile()
                        + " points back to a folder that contains it, a loop; remove the link");
            }
            throw e;
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException(
                    "class folder " + classFolder + " has no PNG, JPEG or WebP images; add some or remove the folder");
        }
        images.sort(null);
        return images;
    }

    private static void addImages(Path root, List<Path> images, String split, int label, DatasetWriter writer)
            throws IOException {
        for (Path image : images) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(image);
            } catch (IOException e) {
                throw new IOException("cannot read image " + image + ": " + e, e);
            }
            writer.add(split, new ImageRow(bytes, root.relativize(image).toString(), label), image.toString());
        }
    }

    /** Sorted sub-folders of {@code dir} (hidden ones skipped), each checked to stay in root. */
    private static List<Path> subfolders(Path dir, Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                if (Files.isDirectory(p) && !p.getFileName().toString().startsWith(".")) {
                    requireInside(root, p);
                    out.add(p);
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static void requireInside(Path root, Path p) throws IOException {
        if (!p.toRealPath().startsWith(root)) {
            throw new IOException(p + " links to " + p.toRealPath() + ", outside the input folder " + root
                    + "; copy the files inside it instead");
        }
    }
}
