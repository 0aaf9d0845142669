package munet.store;

import com.typesafe.config.Config;
import java.time.Duration;

/** The {@code munet.store} section of the configuration; see reference.conf for each key. */
public record StoreSettings(Duration leaseTimeout, Duration leaseRenewal, Duration gcGracePeriod) {

    public StoreSettings {
        requirePositive("munet.store.lease-timeout", leaseTimeout);
        requirePositive("munet.store.lease-renewal", leaseRenewal);
        requirePositive("munet.store.gc-grace-period", gcGracePeriod);
        if (leaseRenewal.compareTo(leaseTimeout) >= 0) {
            throw new IllegalArgumentException(
                    "munet.store.lease-renewal (" + leaseRenewal + ") must be shorter than munet.store.lease-timeout ("
                            + leaseTimeout + "), or a live lease looks stale");
        }
    }

    public static StoreSettings fromConfig(Config config) {
        Config store = config.getConfig("munet.store");
        return new StoreSettings(
                store.getDuration("lease-timeout"),
                store.getDuration("lease-renewal"),
                store.getDuration("gc-grace-period"));
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, got " + value);
        }
    }
}
