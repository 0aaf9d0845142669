package munet.jobs.bench;

import com.typesafe.config.Config;
import java.util.Arrays;
import java.util.Locale;
import munet.config.RunConfig;
import munet.data.ExampleSource;
import munet.data.ParquetExampleSource;
import munet.evolution.CandidateResult;
import munet.jobs.StoreJob;
import munet.system.Task;
import munet.train.TrainingConfig;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code training} section of {@code bench perf}: a finetune-all candidate inside the evolve
 * job against the engine's bare loop and the trainer, same model and steps, interleaved
 * repetitions (the pipeline overhead); then a generation of candidates that share their batches
 * and frozen prefix, trained together against one after another.
 */
final class TrainingThroughput {
    private static final int SHARING_CANDIDATES = 4;

    private TrainingThroughput() {}

    static void append(
            SparkSession session,
            StoreJob job,
            Config config,
            RunConfig run,
            Task task,
            String output,
            int wantedSteps,
            StringBuilder out)
            throws Exception {
        var model = run.model();
        int batch = config.getInt("munet.training.batch-size");
        TrainingConfig training = TrainingConfig.from(config);
        ExampleSource examples =
                ParquetExampleSource.fromConfig(config, session.sparkContext().hadoopConfiguration());
        int perCandidate = training.stepsBetweenValidations(
                        examples.examples(task.datasetUri(), "train").size())
                * training.validationsPerTraining();
        // long enough that a thread's first steps weigh nothing; the bare loop and the trainer run as many
        int budget = (wantedSteps + perCandidate - 1) / perCandidate;
        int steps = budget * perCandidate;
        EngineBenchmark engine = EngineBenchmark.of(
                model.architecture().hiddenSize(),
                model.architecture().mlpDim(),
                model.architecture().numHeads(),
                model.rootLayers(),
                model.imageSize(),
                model.architecture().patchSize(),
                batch,
                steps);
        // the JIT's and the engine's warm-up, which every candidate but an executor's first finds done
        engine.trainerImagesPerSecond(1, steps);
        Config finetune = CompareVariant.parse("finetune-all*" + budget, 1.0).applyTo(config);
        double[] bare = new double[BenchPerf.REPEATS];
        double[] trainer = new double[BenchPerf.REPEATS];
        double[] matmul = new double[BenchPerf.REPEATS];
        double[] inJobTrain = new double[BenchPerf.REPEATS];
        double[] inJobWhole = new double[BenchPerf.REPEATS];
        double[] iteration = new double[BenchPerf.REPEATS];
        for (int r = 0; r < BenchPerf.REPEATS; r++) {
            bare[r] = engine.bareLoopImagesPerSecond(1, steps);
            trainer[r] = engine.trainerImagesPerSecond(1, steps);
            matmul[r] = engine.matmulGflops(1);
            VariantRecorder recorder = BenchPerf.evolve(session, job, finetune, output, "finetune-" + r);
            CandidateResult candidate = recorder.candidatesOf(task.name()).get(0);
            inJobTrain[r] = candidate.imagesTrained() / candidate.seconds().get("train");
            inJobWhole[r] = candidate.imagesTrained() / candidate.totalSeconds();
            iteration[r] = candidate.imagesTrained() / recorder.commits().get(0).seconds();
        }
        double flops = engine.trainingFlopsPerImage();
        double bareRate = Medians.of(bare);
        double matmulRate = Medians.of(matmul);
        out.append(String.format(
                Locale.ROOT,
                "### Training throughput, 1 thread (ViT %d wide, %d blocks, %d px, batch %d, %d steps per row;"
                        + " %.1f MFLOP to train one image; medians of %d, rows interleaved)%n%n",
                model.architecture().hiddenSize(),
                model.rootLayers(),
                model.imageSize(),
                batch,
                steps,
                flops / 1e6,
                BenchPerf.REPEATS));
        out.append(
                "| measurement | images/s | GFLOP/s | vs bare loop | vs matmul | runs |\n|---|---:|---:|---:|---:|---|\n");
        row(out, "fp32 matmul 1024x1024 (GFLOP/s)", matmul, bareRate, matmulRate, Double.NaN);
        row(out, "bare DJL loop, same model", bare, bareRate, matmulRate, flops);
        row(out, "candidate trainer, synthetic images", trainer, bareRate, matmulRate, flops);
        row(out, "evolve job: finetune-all candidate, training phase", inJobTrain, bareRate, matmulRate, flops);
        row(
                out,
                "evolve job: same candidate incl. load, validations, blob writes",
                inJobWhole,
                bareRate,
                matmulRate,
                flops);
        row(out, "evolve job: whole task iteration (Spark job, test, commit)", iteration, bareRate, matmulRate, flops);
        // each repetition's own ratio too: the machine's speed drifts between repetitions more than the pipeline costs
        double[] paired = new double[BenchPerf.REPEATS];
        for (int r = 0; r < BenchPerf.REPEATS; r++) {
            paired[r] = inJobTrain[r] / bare[r];
        }
        out.append(String.format(
                Locale.ROOT,
                "%nPipeline overhead: the evolve job's training phase runs at %.2f of the bare loop (medians); %.2f as the"
                        + " median of each repetition's ratio (%s) (target >= 0.95).%n",
                Medians.of(inJobTrain) / bareRate,
                Medians.of(paired),
                runs(paired, "%.2f")));
        sharing(out, model.rootLayers(), engine, task, examples, training, budget);
    }

    /** A generation of candidates on the first task, as its Spark task trains them: one after another and together. */
    private static void sharing(
            StringBuilder out,
            int layers,
            EngineBenchmark engine,
            Task task,
            ExampleSource examples,
            TrainingConfig training,
            int budget)
            throws Exception {
        double[][] apart = new double[2][BenchPerf.REPEATS];
        double[][] together = new double[2][BenchPerf.REPEATS];
        for (int r = 0; r < BenchPerf.REPEATS; r++) {
            EngineBenchmark.GenerationRate one =
                    engine.sharedPrefixGeneration(SHARING_CANDIDATES, false, task, examples, training, budget);
            EngineBenchmark.GenerationRate all =
                    engine.sharedPrefixGeneration(SHARING_CANDIDATES, true, task, examples, training, budget);
            apart[0][r] = one.training();
            apart[1][r] = one.generation();
            together[0][r] = all.training();
            together[1][r] = all.generation();
        }
        out.append(String.format(
                Locale.ROOT,
                "%n### A generation of %d candidates sharing their batches and frozen prefix (task %s; embeddings and"
                        + " blocks 0-%d frozen; block %d, norm and a new head trained; 1 thread; medians of %d)%n%n",
                SHARING_CANDIDATES,
                task.name(),
                layers - 2,
                layers - 1,
                BenchPerf.REPEATS));
        out.append(
                "| how | training phase images/s | runs | whole generation images/s | runs |\n|---|---:|---|---:|---|\n");
        sharingRow(out, "one after another", apart);
        sharingRow(out, "together: batches and prefix once per batch", together);
        out.append(String.format(
                Locale.ROOT,
                "%nShared-prefix speed-up: %.2fx the generation's throughput, %.2fx its training phase (target >= 1.5x).%n",
                Medians.of(together[1]) / Medians.of(apart[1]),
                Medians.of(together[0]) / Medians.of(apart[0])));
    }

    private static void sharingRow(StringBuilder out, String how, double[][] rates) {
        out.append(String.format(
                Locale.ROOT,
                "| %s | %.0f | %s | %.0f | %s |%n",
                how,
                Medians.of(rates[0]),
                runs(rates[0]),
                Medians.of(rates[1]),
                runs(rates[1])));
    }

    private static String runs(double[] values) {
        return runs(values, "%.0f");
    }

    private static String runs(double[] values, String format) {
        return String.join(
                ", ",
                Arrays.stream(values)
                        .mapToObj(v -> String.format(Locale.ROOT, format, v))
                        .toList());
    }

    /** A row of repeated images/s (or, without {@code flopsPerImage}, GFLOP/s) against the bare loop's and matmul's medians. */
    private static void row(
            StringBuilder out, String what, double[] runs, double bareRate, double matmulRate, double flopsPerImage) {
        boolean matmul = Double.isNaN(flopsPerImage);
        double median = Medians.of(runs);
        double gflops = matmul ? median : median * flopsPerImage / 1e9;
        out.append(String.format(
                Locale.ROOT,
                "| %s | %s | %.1f | %s | %.2f | %s |%n",
                what,
                matmul ? "-" : String.format(Locale.ROOT, "%.0f", median),
                gflops,
                matmul ? "-" : String.format(Locale.ROOT, "%.2f", median / bareRate),
                gflops / matmulRate,
                runs(runs)));
    }
}
