package munet.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        .applyTo(ConfigFactory.parseString("munet.tasks = [{name = digits, dataset = \"file:/data/digits\"}]")
            .withFallback(ConfigFactory.load()))).evolution();
    assertEquals("adapters:16", settings.policy().name());
    assertEquals(16, settings.policy().adapterDim());
    assertEquals(0.9, settings.scoreBase());
  }

  @Test
  void badVariantsNameThemselves() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CompareVariant.parse("mu2net@half", 1.0)).getMessage()
        .contains("mu2net@half"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CompareVariant.parse("mu2net@1.5", 1.0)).getMessage()
        .contains("(0, 1]"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CompareVariant.parse("finetune", 1.0)).getMessage()
        .contains("unknown policy"));
  }
}
