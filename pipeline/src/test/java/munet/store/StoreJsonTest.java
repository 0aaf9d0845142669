package munet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import munet.system.Hyperparameters;
import org.junit.jupiter.api.Test;

class StoreJsonTest {
    @Test
    void hyperparameterTypesSurviveTheRoundTrip() {
        Hyperparameters hparams = new Hyperparameters(
                Map.of("num_layers", 3, "mu", 3.0, "opt_lr", 1e-4, "ds_flip", true, "opt_name", "3", "big", 1e300));
        String json = StoreJson.hparamsToJson(hparams);
        Hyperparameters back = StoreJson.hparamsFromJson(json, "test");
        assertEquals(hparams, back);
        assertEquals(Integer.class, back.get("num_layers").getClass());
        assertEquals(Double.class, back.get("mu").getClass());
        assertEquals(String.class, back.get("opt_name").getClass());
    }

    @Test
    void invalidJsonNamesItsSource() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> StoreJson.hparamsFromJson("[1, 2]", "row 3 of paths.parquet"));
        assertTrue(e.getMessage().contains("row 3 of paths.parquet"), e.getMessage());
    }
}
