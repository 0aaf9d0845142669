package munet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The munet.init and munet.bench sections as typed settings, checked like the rest. */
class SectionSettingsTest {

    private static Config parse(String hocon) {
        return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference());
    }

    @Test
    void theDefaultsParse() {
        InitSettings init = InitSettings.from(parse(""));
        assertFalse(init.pretrain());
        assertEquals(10, init.rootClasses());
        assertEquals(8, init.pretrainBudgetScale());
        BenchSettings bench = BenchSettings.from(parse("munet.bench.compare.variants = [mu2net, \"adapters:16\"]"));
        assertEquals(List.of("mu2net", "adapters:16"), bench.compareVariants());
        assertEquals(400, bench.perfTrainingSteps());
        assertTrue(InitSettings.from(parse("munet.init { root = pretrain, pretrain.dataset = d }"))
                .pretrain());
    }

    @Test
    void invalidValuesFailNamingTheirKey() {
        for (String[] bad : new String[][] {
            {"munet.init.root = pretrained", "munet.init.root"},
            {"munet.init.root-classes = 0", "munet.init.root-classes"},
            {"munet.init.pretrain.budget-scale = 0", "munet.init.pretrain.budget-scale"},
            {"munet.bench.compare.variants = mu2net", "munet.bench.compare.variants"},
            {"munet.bench.perf.training-steps = 0", "munet.bench.perf.training-steps"}
        }) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> {
                        InitSettings.from(parse(bad[0]));
                        BenchSettings.from(parse(bad[0]));
                    },
                    bad[0]);
            assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
        }
    }
}
