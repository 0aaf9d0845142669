package munet.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import munet.config.RunConfig;
import munet.evolution.EvolutionSettings;
import org.junit.jupiter.api.Test;

class CompareVariantTest {

    @Test
    void aVariantIsAPolicyWithAnOptionalScoreBase() {
        CompareVariant halved = CompareVariant.parse("mu2net@0.5", 1.0);
        assertEquals("mu2net", halved.policy().name());
        assertEquals(0.5, halved.scoreBase());
        CompareVariant frozen = CompareVariant.parse("freeze-bottom:2", 0.9);
        assertEquals(2, frozen.policy().frozenBlocks());
        assertEquals(0.9, frozen.scoreBase(), "without @ the run's score base applies");
        assertEquals("freeze-bottom-2", frozen.folder());
    }

    @Test
    void theVariantReachesTheRunConfiguration() {
        EvolutionSettings settings = RunConfig.from(CompareVariant.parse("adapters:16@0.9", 1.0)
                        .applyTo(ConfigFactory.parseString(
                                        "munet.tasks = [{name = digits, dataset = \"file:/data/digits\"}]")
                                .withFallback(ConfigFactory.load())))
                .evolution();
        assertEquals("adapters:16", settings.policy().name());
        assertEquals(16, settings.policy().adapterDim());
        assertEquals(0.9, settings.scoreBase());
    }

    @Test
    void badVariantsNameThemselves() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CompareVariant.parse("mu2net@half", 1.0))
                .getMessage()
                .contains("mu2net@half"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CompareVariant.parse("mu2net@1.5", 1.0))
                .getMessage()
                .contains("(0, 1]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CompareVariant.parse("finetune", 1.0))
                .getMessage()
                .contains("unknown policy"));
    }

    @Test
    void aBaselineTakesABudgetThatReachesTheRunConfiguration() {
        Config tasks = ConfigFactory.parseString("munet.tasks = [{name = digits, dataset = \"file:/data/digits\"}]"
                        + ", munet.evolution { samples-per-task = 8, candidates-per-generation = 2 }")
                .withFallback(ConfigFactory.load());
        CompareVariant lineage = CompareVariant.parse("finetune-all*lineage", 1.0);
        assertEquals("finetune-all", lineage.policy().name());
        assertEquals(
                4,
                RunConfig.from(lineage.applyTo(tasks)).evolution().budgetScale(),
                "8 candidates, 2 per generation: 4 generations");
        assertEquals(
                8,
                RunConfig.from(CompareVariant.parse("finetune-all*total", 1.0).applyTo(tasks))
                        .evolution()
                        .budgetScale());
        assertEquals(
                16,
                RunConfig.from(CompareVariant.parse("freeze-bottom:2*16", 1.0).applyTo(tasks))
                        .evolution()
                        .budgetScale());
        assertEquals(
                "total",
                CompareVariant.parse("finetune-all", 1.0).effectiveBudget(tasks),
                "without * the configured budget");
        assertEquals("finetune-all-lineage", lineage.folder());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CompareVariant.parse("mu2net*4", 1.0))
                .getMessage()
                .contains("only a baseline"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CompareVariant.parse("finetune-all*0", 1.0))
                .getMessage()
                .contains("finetune-all*0"));
    }
}
