package munet.store;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import munet.system.Hyperparameters;

/**
 * The store's JSON: hyperparameters as a flat object whose value types survive a round trip
 * (an Integer is written without a decimal point, a Double always with one or an exponent), so
 * Spark can read the column with {@code from_json} and {@link Hyperparameters} comes back equal.
 */
final class StoreJson {
    static final Gson GSON = new GsonBuilder()
            .serializeSpecialFloatingPointValues()
            .registerTypeAdapter(Hyperparameters.class, new HyperparametersAdapter())
            .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
            .create();

    private StoreJson() {}

    static String hparamsToJson(Hyperparameters hparams) {
        JsonObject object = new JsonObject();
        hparams.asMap().forEach((key, value) -> object.add(key, toPrimitive(key, value)));
        return object.toString();
    }

    /** Parses hyperparameters written by {@link #hparamsToJson}; {@code source} names the input in errors. */
    static Hyperparameters hparamsFromJson(String json, String source) {
        try {
            Map<String, Object> values = new TreeMap<>();
            for (Map.Entry<String, JsonElement> entry :
                    JsonParser.parseString(json).getAsJsonObject().entrySet()) {
                values.put(entry.getKey(), fromPrimitive(entry.getValue().getAsJsonPrimitive()));
            }
            return new Hyperparameters(values);
        } catch (IllegalStateException | JsonParseException | NumberFormatException e) {
            throw new IllegalArgumentException("invalid hyperparameters in " + source + ": " + json, e);
        }
    }

    private static JsonPrimitive toPrimitive(String key, Object value) {
        if (value instanceof Integer i) {
            return new JsonPrimitive(i);
        }
        if (value instanceof Double d && Double.isFinite(d)) {
            return new JsonPrimitive(d);
        }
        if (value instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (value instanceof String s) {
            return new JsonPrimitive(s);
        }
        throw new IllegalArgumentException("hyperparameter " + key + " = " + value + " cannot be stored");
    }

    private static Object fromPrimitive(JsonPrimitive primitive) {
        if (primitive.isBoolean()) {
            return primitive.getAsBoolean();
        }
        if (primitive.isString()) {
            return primitive.getAsString();
        }
        String text = primitive.getAsString();
        boolean floating = text.contains(".") || text.contains("e") || text.contains("E");
        return floating ? (Object) Double.parseDouble(text) : (Object) Integer.parseInt(text);
    }

    private static final class HyperparametersAdapter extends TypeAdapter<Hyperparameters> {
        @Override
        public void write(JsonWriter out, Hyperparameters value) throws IOException {
            out.jsonValue(hparamsToJson(value));
        }

        @Override
        public Hyperparameters read(JsonReader in) {
            return hparamsFromJson(JsonParser.parseReader(in).toString(), "a stored JSON document");
        }
    }

    private static final class InstantAdapter extends TypeAdapter<Instant> {
        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            out.value(value.toString());
        }

        @Override
        public Instant read(JsonReader in) throws IOException {
            return Instant.parse(in.nextString());
        }
    }
}
