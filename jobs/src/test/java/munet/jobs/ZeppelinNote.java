package munet.jobs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Zeppelin note ({@code .zpln} JSON) read the way Zeppelin runs it: each paragraph's first
 * word picks the interpreter, {@code ${name=default}} (paragraph) and {@code $${name=default}}
 * (note) forms are replaced by their value, and a {@code %spark.sql} paragraph is split into
 * statements at each {@code ;} that ends a line.
 */
public record ZeppelinNote(String name, List<ZeppelinNote.Paragraph> paragraphs) {
    private static final Pattern FORM = Pattern.compile("\\$?\\$\\{([^}=]+)=([^}]*)}");

    /** One paragraph; {@code graph} is the chart configured for its first result, or null. */
    record Paragraph(String title, String interpreter, String body, JsonObject graph) {

        /** The form names and defaults this paragraph uses, each occurrence as one entry. */
        List<Map.Entry<String, String>> forms() {
            List<Map.Entry<String, String>> forms = new ArrayList<>();
            Matcher matcher = FORM.matcher(body);
            while (matcher.find()) {
                forms.add(Map.entry(matcher.group(1), matcher.group(2)));
            }
            return forms;
        }

        /** The SQL statements with every form set from {@code values}, else to its default. */
        List<String> statements(Map<String, String> values) {
            String sql = FORM.matcher(body)
                    .replaceAll(m -> Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group(2))));
            if (sql.contains("${")) {
                throw new IllegalArgumentException("paragraph '" + title + "' has a form without a default: " + sql);
            }
            return Arrays.stream(sql.split(";\\s*(\\n|$)"))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList();
        }

        /** Column names the chart expects at each index: its keys, groups and values. */
        Map<Integer, String> chartColumns() {
            Map<Integer, String> columns = new HashMap<>();
            for (String role : List.of("keys", "groups", "values")) {
                for (JsonElement column : graph.getAsJsonArray(role)) {
                    JsonObject c = column.getAsJsonObject();
                    columns.put(c.get("index").getAsInt(), c.get("name").getAsString());
                }
            }
            return columns;
        }
    }

    static ZeppelinNote read(Path file) throws IOException {
        JsonObject note = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        List<Paragraph> paragraphs = new ArrayList<>();
        for (JsonElement element : note.getAsJsonArray("paragraphs")) {
            JsonObject paragraph = element.getAsJsonObject();
            String text = paragraph.get("text").getAsString();
            int split = text.indexOf('\n');
            JsonObject results = paragraph.getAsJsonObject("config").getAsJsonObject("results");
            JsonObject graph = results.has("0") ? results.getAsJsonObject("0").getAsJsonObject("graph") : null;
            paragraphs.add(new Paragraph(
                    paragraph.get("title").getAsString(),
                    text.substring(0, split).strip(),
                    text.substring(split + 1),
                    graph));
        }
        return new ZeppelinNote(note.get("name").getAsString(), paragraphs);
    }

    Paragraph paragraph(String title) {
        return paragraphs.stream()
                .filter(p -> p.title().equals(title))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("note " + name + " has no paragraph titled '" + title + "'"));
    }
}
