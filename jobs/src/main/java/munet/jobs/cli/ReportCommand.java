package munet.jobs.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import munet.jobs.StoreJob;
import munet.jobs.UserError;
import munet.jobs.spark.SparkSessions;
import munet.report.Comparison;
import munet.report.HtmlReport;
import munet.report.SystemViews;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code report}: the store's views as one self-contained HTML page, without starting Spark. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        header = "write an HTML report of a store: architecture, parameters, accuracy, compute, evolution",
        description = {
            "Writes FILE, one HTML page with inline SVG charts (no script, nothing fetched): which task created",
            "each component of each path, parameters per task in introduction order, accuracy against accounted",
            "parameters and across versions, images and seconds per task, best score by generation; with",
            "--compare, the method comparison of bench compare. Reads the store only (no lease)."
        })
public final class ReportCommand implements Subcommand {

    @Mixin
    private final StoreOptions storeOptions = new StoreOptions();

    @Option(names = "--output", paramLabel = "FILE", required = true, description = "the HTML file to write")
    private String output;

    @Option(
            names = "--compare",
            paramLabel = "DIR",
            description = "the output folder of bench compare: adds its table and accuracy/parameters plane")
    private String compare;

    @Override
    public Integer call() throws IOException {
        java.nio.file.Path file = java.nio.file.Path.of(output).toAbsolutePath();
        if (!Files.isDirectory(file.getParent())) {
            throw new UserError("--output " + output + ": folder " + file.getParent() + " does not exist");
        }
        Configuration hadoop = SparkSessions.hadoopConfiguration();
        StoreJob job = storeOptions.open(hadoop);
        job.committedVersion();
        Optional<Comparison> comparison = Optional.empty();
        if (compare != null) {
            Path dir = new Path(StoreJob.absolute(compare));
            comparison = Optional.of(Comparison.read(dir.getFileSystem(hadoop), dir));
        }
        SystemViews views = SystemViews.read(job.store());
        Files.writeString(file, HtmlReport.render(job.storeUri(), views, comparison), StandardCharsets.UTF_8);
        System.out.printf("wrote %s (%,d bytes)%n", file, Files.size(file));
        return 0;
    }
}
