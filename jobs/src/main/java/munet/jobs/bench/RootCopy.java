package munet.jobs.bench;

import java.io.IOException;
import munet.jobs.StoreJob;
import munet.jobs.UserError;
import munet.store.SystemStore;
import munet.system.Component;
import munet.system.SystemState;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Starts a fresh store from another store's version 1 (its root model): the version's tables
 * and commit marker plus the blobs of its components, byte for byte, so every benchmark variant
 * starts from the identical root.
 */
final class RootCopy {
    private RootCopy() {}

    /** A new store at {@code dir} holding a copy of {@code job}'s root. */
    static SystemStore fresh(SparkSession session, StoreJob job, Path dir) throws IOException {
        SystemStore store =
                SystemStore.open(dir.toString(), session.sparkContext().hadoopConfiguration());
        copy(job.store(), store);
        return store;
    }

    static void copy(SystemStore root, SystemStore fresh) throws IOException {
        SystemState first = root.load(1);
        FileSystem to = fresh.fileSystem();
        if (to.exists(fresh.root())) {
            throw new UserError("store " + fresh.root() + " exists already; remove it or choose another --output");
        }
        FileSystem from = root.fileSystem();
        copy(from, new Path(root.root(), "versions/1"), to, new Path(fresh.root(), "versions/1"));
        for (Component component : first.components().values()) {
            copy(from, root.blobs().pathOf(component.id()), to, fresh.blobs().pathOf(component.id()));
        }
    }

    private static void copy(FileSystem from, Path source, FileSystem to, Path target) throws IOException {
        if (!FileUtil.copy(from, source, to, target, false, true, to.getConf())) {
            throw new IOException("cannot copy " + source + " to " + target);
        }
    }
}
