package munet.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Per-thread PyTorch settings. Grad mode and the intra-op thread count are per thread in
 * PyTorch, and a thread keeps the thread count it had when it first ran an op, so every thread
 * that trains or evaluates calls {@link #prepareThread} before touching an array.
 */
public final class TorchRuntime {

    static {
        // nothing may be downloaded at run time: the natives come from Maven Central jars
        System.setProperty("ai.djl.offline", "true");
    }

    private TorchRuntime() {}

    /** Sets this thread's intra-op threads and switches grad mode off (new threads start with it on). */
    public static void prepareThread(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("engine threads must be >= 1, got " + threads);
        }
        loadEngine();
        JniUtils.setNumThreads(threads);
        JniUtils.setGradMode(false);
    }

    /** A new root manager of the PyTorch engine (loads the engine offline on first use). */
    public static NDManager newManager() {
        return loadEngine().newBaseManager();
    }

    /** The JNI calls below fail with UnsatisfiedLinkError until the engine has loaded its natives. */
    private static Engine loadEngine() {
        return Engine.getEngine("PyTorch");
    }
}
