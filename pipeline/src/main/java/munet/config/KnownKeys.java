package munet.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import java.util.List;
import java.util.TreeSet;

/**
 * Refuses a run file's {@code munet.*} key that reference.conf does not have: a misspelt key
 * (say {@code munet.evolution.samples-per-taks}) would otherwise be ignored and the run use the
 * default without a word. The benchmark's task table is open (its task names are the user's), and
 * every known hyperparameter may have {@code allowed} values even where reference.conf fixes it.
 */
final class KnownKeys {
    /** Sections whose keys are names the user chooses. */
    private static final List<String> OPEN = List.of("munet.data.benchmark.tasks.");

    private KnownKeys() {}

    /** Fails naming the first key of {@code file} (from {@code source}) that reference.conf lacks, and its known siblings. */
    static void check(Config file, String source) {
        Config reference = ConfigFactory.defaultReference();
        if (!file.hasPath("munet")) {
            return;
        }
        for (String key : new TreeSet<>(file.withOnlyPath("munet").entrySet().stream()
                .map(entry -> entry.getKey())
                .toList())) {
            if (OPEN.stream().noneMatch(key::startsWith)
                    && !reference.hasPathOrNull(key)
                    && !allowedValues(reference, key)) {
                throw new IllegalArgumentException(
                        "unknown key " + key + " in run configuration " + source + "; " + known(reference, key));
            }
        }
    }

    /** {@code munet.hparams.<known hyperparameter>.allowed}. */
    private static boolean allowedValues(Config reference, String key) {
        String suffix = ".allowed";
        return key.startsWith("munet.hparams.")
                && key.endsWith(suffix)
                && reference.hasPath(key.substring(0, key.length() - suffix.length()));
    }

    /** The keys reference.conf has where {@code key} was meant to be. */
    private static String known(Config reference, String key) {
        String parent = key;
        while (parent.contains(".")) {
            parent = parent.substring(0, parent.lastIndexOf('.'));
            if (reference.hasPath(parent) && reference.getValue(parent) instanceof ConfigObject section) {
                return "the keys of " + parent + " are " + new TreeSet<>(section.keySet());
            }
        }
        return "see reference.conf for the keys";
    }
}
