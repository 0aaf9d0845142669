package munet.jobs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;

/**
 * The kill point inside a candidate's training: the trainer's log line after its first
 * validation, with training steps done before it and more to come (ChaosKillIT's configuration
 * validates twice per candidate). The line is logged on the training thread, so stopping there
 * stops the training. Installed by {@link MunetProcess}'s log configuration.
 */
@Plugin(name = "KillPoints", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE)
public final class KillPointAppender extends AbstractAppender {
    private static final Pattern FIRST_VALIDATION =
            Pattern.compile("^candidate (\\S+) of task \\S+: validation 1/[2-9]");

    private KillPointAppender(String name) {
        super(name, null, null, true, Property.EMPTY_ARRAY);
    }

    @PluginFactory
    public static KillPointAppender create(@PluginAttribute("name") String name) {
        return new KillPointAppender(name);
    }

    @Override
    public void append(LogEvent event) {
        Matcher m = FIRST_VALIDATION.matcher(event.getMessage().getFormattedMessage());
        if (m.find()) {
            KillPoint.reached("training " + m.group(1));
        }
    }
}
