package munet.model;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import munet.evolution.ComponentSlot;
import munet.store.Blobs;

/**
 * Frozen components shared by reference between every model of a JVM, keyed by component id
 * (blob hash). Each entry lives on its own manager under the cache's long-lived root, so no
 * model's close can free arrays another model still reads. Models lease entries; only entries
 * no model leases are evicted (least recently used first) when the cache holds more than its
 * byte bound.
 */
public final class FrozenComponentCache {
    private static FrozenComponentCache perJvm;

    private final long maxBytes;
    private final NDManager root;
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    private static final class Entry {
        final ComponentBlock block;
        final NDManager manager;
        int leases;

        Entry(ComponentBlock block, NDManager manager) {
            this.block = block;
            this.manager = manager;
        }
    }

    public FrozenComponentCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("frozen component cache bound must be >= 0 bytes, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.root = TorchRuntime.newManager();
    }

    /** The JVM's cache; the bound of the first call wins. */
    public static synchronized FrozenComponentCache perJvm(long maxBytes) {
        if (perJvm == null) {
            perJvm = new FrozenComponentCache(maxBytes);
        }
        return perJvm;
    }

    /** The shared block of component {@code slot}, loading it if needed; pair every call with {@link #release}. */
    public synchronized ComponentBlock acquire(ComponentSlot slot, String componentId, Blobs blobs) throws IOException {
        Entry entry = entries.get(componentId);
        if (entry == null) {
            ComponentState state = ComponentState.decode(blobs.read(componentId), componentId);
            PathModel.checkMatches(slot, state, componentId);
            NDManager manager = root.newSubManager();
            ComponentBlock block = ComponentFactory.create(state.name(), state.kind(), state.shape());
            block.load(manager, state.parameters());
            entry = new Entry(block, manager);
            entries.put(componentId, entry);
            bytes += block.bytes();
        } else {
            PathModel.checkMatches(slot, entry.block, componentId);
        }
        entry.leases++;
        evictUnleased();
        return entry.block;
    }

    public synchronized void release(String componentId) {
        Entry entry = entries.get(componentId);
        if (entry == null || entry.leases == 0) {
            throw new IllegalStateException("component " + componentId + " released more often than acquired");
        }
        entry.leases--;
        evictUnleased();
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized long bytes() {
        return bytes;
    }

    private void evictUnleased() {
        Iterator<Entry> oldestFirst = entries.values().iterator();
        while (bytes > maxBytes && oldestFirst.hasNext()) {
            Entry entry = oldestFirst.next();
            if (entry.leases == 0) {
                oldestFirst.remove();
                bytes -= entry.block.bytes();
                entry.manager.close();
            }
        }
    }
}
