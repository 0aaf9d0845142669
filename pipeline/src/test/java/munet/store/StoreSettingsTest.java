package munet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {
    @Test
    void referenceConfHoldsTheDefaults() {
        StoreSettings settings = StoreSettings.fromConfig(ConfigFactory.load());
        assertEquals(Duration.ofMinutes(10), settings.leaseTimeout());
        assertEquals(Duration.ofMinutes(1), settings.leaseRenewal());
        assertEquals(Duration.ofHours(24), settings.gcGracePeriod());
    }

    @Test
    void renewalNotShorterThanTimeoutIsRefusedNamingTheKey() {
        var config = ConfigFactory.parseString("munet.store.lease-renewal = 20 minutes")
                .withFallback(ConfigFactory.load());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> StoreSettings.fromConfig(config));
        assertTrue(e.getMessage().contains("munet.store.lease-renewal"), e.getMessage());
    }
}
