package munet.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import munet.checkpoint.TimmExport;
import munet.checkpoint.VitCheckpoint;
import munet.inference.PredictionPlan;
import munet.jobs.StoreJob;
import munet.jobs.UserError;
import munet.jobs.spark.FrameScorer;
import munet.jobs.spark.SparkSessions;
import munet.system.Path;
import munet.system.SystemState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code export}: one task's committed path as a standalone timm ViT ({@code model.safetensors}
 * and {@code config.json}) that timm and Hugging Face load without munet. Reads the store only.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        header = "write a task's path as a timm ViT (model.safetensors + config.json)",
        description = {
            "Writes DIR/model.safetensors (timm names, q/k/v fused, no optimizer state) and DIR/config.json",
            "(dimensions, the system's input mean and std, the task's class names as label_names). T may be root.",
            "A path with residual adapters is refused: timm's ViT cannot compute them."
        })
public final class ExportCommand implements Subcommand {

    @Mixin
    private final StoreOptions storeOptions = new StoreOptions();

    @Option(
            names = "--task",
            paramLabel = "T",
            required = true,
            description = "the task whose path to export (root: the root path)")
    private String task;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            required = true,
            description = "the folder to write the two files into")
    private String output;

    @Override
    public Integer call() throws IOException {
        java.nio.file.Path dir = java.nio.file.Path.of(output);
        if (Files.exists(dir.resolve(TimmExport.WEIGHTS_FILE))) {
            throw new UserError(
                    dir.resolve(TimmExport.WEIGHTS_FILE) + " exists already; remove it or choose another --output");
        }
        StoreJob job = storeOptions.open(SparkSessions.hadoopConfiguration());
        SystemState system = job.committed();
        PredictionPlan plan = FrameScorer.plan(system, List.of(task), job.config());
        Path path = task.equals(FrameScorer.ROOT)
                ? system.rootPaths().get(0)
                : system.bestPaths().get(task);
        VitCheckpoint checkpoint = TimmExport.checkpoint(
                system, path, plan.paths().get(task).labelNames(), job.store().blobs());
        TimmExport.write(checkpoint, dir);
        System.out.printf(
                "exported %s of version %d to %s: ViT width %d, %d blocks, %d heads, image %d, %d classes%s%n",
                task.equals(FrameScorer.ROOT) ? "the root" : "task " + task,
                system.version(),
                dir,
                checkpoint.architecture().hiddenSize(),
                checkpoint.depth(),
                checkpoint.architecture().numHeads(),
                checkpoint.imageSize(),
                checkpoint.numClasses(),
                checkpoint.labelNames().isEmpty() ? " (class names unknown)" : "");
        return 0;
    }
}
