package munet.data;

import java.io.IOException;
import java.util.List;

/**
 * Decoded examples of a task's dataset split ({@code train}, {@code validation} or {@code test}),
 * as the trainer consumes them. Implementations cache decoded splits per JVM.
 */
public interface ExampleSource {

    List<LabeledImage> examples(String datasetUri, String split) throws IOException;
}
