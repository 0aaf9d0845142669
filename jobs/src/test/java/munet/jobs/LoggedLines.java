package munet.jobs;

import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * The messages one logger logs at INFO while a call runs in this JVM (Spark's local executors
 * included), although the tests' log4j2 configuration shows only warnings: what a user of the
 * launcher, which logs munet at INFO, reads.
 */
public final class LoggedLines {
    private LoggedLines() {}

    /** The value of {@code call}, and the lines the logger named {@code source} logged meanwhile, oldest first. */
    public record Captured<T>(T value, List<String> lines) {}

    public static <T> Captured<T> during(String source, Callable<T> call) throws Exception {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        StringWriter sink = new StringWriter();
        WriterAppender appender = WriterAppender.newBuilder()
                .setName("captured " + source)
                .setTarget(sink)
                .setLayout(PatternLayout.newBuilder().withPattern("%m%n").build())
                .build();
        appender.start();
        LoggerConfig logger = LoggerConfig.newBuilder()
                .withLoggerName(source)
                .withLevel(Level.INFO)
                .withAdditivity(false)
                .withConfig(configuration)
                .build();
        logger.addAppender(appender, Level.INFO, null);
        configuration.addLogger(source, logger);
        context.updateLoggers();
        try {
            T value = call.call();
            return new Captured<>(value, sink.toString().lines().toList());
        } finally {
            configuration.removeLogger(source);
            context.updateLoggers();
            appender.stop();
        }
    }
}
