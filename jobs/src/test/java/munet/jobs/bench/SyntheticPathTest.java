package munet.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import munet.system.ComponentNames;
import munet.system.Hyperparameters;
import munet.system.MutationProbabilities;
import munet.system.Path;
import munet.system.Task;
import org.junit.jupiter.api.Test;

class SyntheticPathTest {
    private static final List<String> NAMES = ComponentNames.ofPath(3, new TreeSet<>());
    private static final Path ROOT = Path.untested(
            "root",
            Task.ROOT,
            NAMES.stream().map(n -> "root-" + n).toList(),
            NAMES,
            new Hyperparameters(Map.of("num_layers", 3, "ds_image_size", 32)),
            null,
            0.7);

    @Test
    void aMadeUpTaskOwnsTheTopBlockTheFinalNormAndTheHead() {
        assertEquals(Set.of("encoderblock_2", "final_norm", "head"), SyntheticPath.ownedNames(ROOT));
    }

    @Test
    void itsPathHasTheRootsNamesAndHyperparametersWithItsOwnIds() {
        List<String> ids = NAMES.stream().map(n -> "pool-0001-" + n).toList();
        Path path = SyntheticPath.of("pool-0001", ROOT, ids, 0.5);
        assertEquals("pool-0001-path", path.id());
        assertEquals("pool-0001", path.task());
        assertEquals(ids, path.componentIds());
        assertEquals(NAMES, path.componentNames());
        assertEquals(ROOT.hparams(), path.hparams());
        assertEquals("root", path.parentId());
        assertEquals(0.5, path.quality());
        assertTrue(Double.isNaN(path.testQuality()), "not tested yet");
        assertNull(path.testDigest());
        assertEquals(MutationProbabilities.NONE, path.mutationProbabilities());
    }
}
