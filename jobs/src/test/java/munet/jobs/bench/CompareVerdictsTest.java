package munet.jobs.bench;

import static munet.jobs.bench.CompareFixture.row;
import static munet.jobs.bench.CompareFixture.table;
import static munet.jobs.bench.CompareFixture.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The conclusions of bench compare from hand-made rows: both protocols, the plane, the sweep, the seeds' spread. */
class CompareVerdictsTest {

    @Test
    void summariesAverageTasksAndSeedsAndShowTheSeedsSpread() {
        CompareSummary mu2net = table(List.of(variant("mu2net", "", 0.80, 400, 6400)))
                .summaries()
                .get(0);
        assertEquals(0.81, mu2net.testAccuracy(), 1e-12);
        assertEquals(
                List.of(0.80, 0.82),
                mu2net.seedAccuracies().stream()
                        .map(a -> Math.round(a * 100) / 100.0)
                        .toList());
        assertEquals(0.01, mu2net.spread(), 1e-12);
        assertEquals(2, mu2net.tasks());
        assertEquals("81.0% ± 1.0", CompareVerdicts.withSpread(mu2net));
    }

    @Test
    void diagnosticsAverageOverRowsAndAnImprovedShareOfNoParentIsLeftOut() {
        CompareRow first = row("1/2022", "mu2net", "", "digits", 0.8, 400, 6400);
        CompareRow none = new CompareRow(
                "1/2022",
                "mu2net",
                "",
                "letters",
                0.8,
                0.8,
                1000,
                400,
                500,
                500,
                8,
                6400,
                1.0,
                List.of(),
                new CompareRow.Diagnostics(Double.NaN, 4, 1600, 6, 3));
        CompareRow.Diagnostics mean =
                new CompareTable(List.of(first, none)).summaries().get(0).diagnostics();
        assertEquals(0.5, mean.improvedShare(), 1e-12, "the row without a parent to beat does not count");
        assertEquals(3.0, mean.lineageDepth(), 1e-12);
        assertEquals(2400, mean.lineageImages());
        assertEquals(2.0, mean.clonedComponents(), 1e-12);
    }

    @Test
    void eachProtocolGetsItsVerdictAndADominatingBaselineRefutesTheClaim() {
        CompareTable met = table(List.of(
                variant("mu2net", "", 0.85, 500, 12800),
                variant("finetune-all*lineage", "lineage", 0.84, 1000, 6400),
                variant("finetune-all*total", "total", 0.86, 1000, 12800)));
        List<String> claims = met.verdicts().claims();
        assertEquals(2, claims.size(), claims.toString());
        assertTrue(claims.get(0).startsWith("Papers' rule") && claims.get(0).contains(": MET."), claims.get(0));
        assertTrue(
                claims.get(1).startsWith("Equal total images") && claims.get(1).contains("NOT MET (lower accuracy)"),
                claims.get(1));

        CompareTable dominated = table(List.of(
                variant("mu2net", "", 0.85, 500, 12800),
                variant("finetune-all*lineage", "lineage", 0.84, 1000, 6400),
                variant("adapters:16*lineage", "lineage", 0.86, 200, 6400)));
        String claim = dominated.verdicts().claims().get(0);
        assertTrue(claim.contains("NOT MET (dominated by adapters:16*lineage)"), claim);
        assertTrue(
                dominated.verdicts().plane().contains("| mu2net | 86.0% ± 1.0 | 500 | adapters:16*lineage |"),
                dominated.verdicts().plane());
    }

    @Test
    void parametersAboveTheClaimedShareFailTheClaimEvenWhenMoreAccurate() {
        String claim = table(List.of(
                        variant("mu2net", "", 0.90, 700, 12800),
                        variant("finetune-all*lineage", "lineage", 0.84, 1000, 6400)))
                .verdicts()
                .claims()
                .get(0);
        assertTrue(
                claim.contains("NOT MET (more than 60% of the parameters)") && claim.contains("70% of finetune-all's"),
                claim);
    }

    @Test
    void theSweepOrdersBudgetsByImagesAndFindsThePlateau() {
        String sweep = table(List.of(
                        variant("finetune-all*4", "4", 0.70, 1000, 6400),
                        variant("finetune-all*1", "1", 0.50, 1000, 1600),
                        variant("finetune-all*2", "2", 0.65, 1000, 3200),
                        variant("finetune-all*8", "8", 0.705, 1000, 12800)))
                .verdicts()
                .sweep();
        assertTrue(
                sweep.indexOf("finetune-all*1 |") < sweep.indexOf("finetune-all*2 |")
                        && sweep.indexOf("finetune-all*2 |") < sweep.indexOf("finetune-all*4 |"),
                sweep);
        assertTrue(sweep.contains("| +15.0 |") && sweep.contains("| +0.5 |"), sweep);
        assertTrue(sweep.contains("Plateau: from finetune-all*4 on"), sweep);
        String rising = table(List.of(
                        variant("finetune-all*1", "1", 0.50, 1000, 1600),
                        variant("finetune-all*2", "2", 0.65, 1000, 3200)))
                .verdicts()
                .sweep();
        assertTrue(rising.contains("Plateau: not reached"), rising);
        String stepThenRise = table(List.of(
                        variant("finetune-all*1", "1", 0.50, 1000, 1600),
                        variant("finetune-all*2", "2", 0.505, 1000, 3200),
                        variant("finetune-all*4", "4", 0.60, 1000, 6400),
                        variant("finetune-all*8", "8", 0.605, 1000, 12800)))
                .verdicts()
                .sweep();
        assertTrue(stepThenRise.contains("Plateau: from finetune-all*4 on"), stepThenRise);
    }
}
