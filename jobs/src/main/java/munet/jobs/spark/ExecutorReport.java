package munet.jobs.spark;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/** What one Spark task of {@code check-cluster} found in its executor JVM. */
public record ExecutorReport(
        String executorId,
        String host,
        long pid,
        String pytorchVersion,
        int threads,
        long driverPid,
        boolean matmulCorrect)
        implements Serializable {

    private static final int SIDE = 8;

    /** Runs inside a Spark task: loads PyTorch the way training does and multiplies two matrices. */
    public static ExecutorReport probe(long driverPid) {
        // The jar bundles the CPU natives: a cluster must never depend on downloading them.
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        Engine engine = Engine.getEngine("PyTorch"); // loads the natives, needed before any JniUtils call
        JniUtils.setNumThreads(TaskContext.get().cpus()); // what a training task does with spark.task.cpus
        boolean correct;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), engine.getEngineName())) {
            float[] a = ramp(1);
            float[] b = ramp(-3);
            float[] product = manager.create(a, new Shape(SIDE, SIDE))
                    .matMul(manager.create(b, new Shape(SIDE, SIDE)))
                    .toFloatArray();
            correct = Arrays.equals(product, multiply(a, b));
        }
        return new ExecutorReport(
                SparkEnv.get().executorId(),
                SparkEnv.get().blockManager().blockManagerId().host(),
                ProcessHandle.current().pid(),
                engine.getVersion(),
                JniUtils.getNumThreads(),
                driverPid,
                correct);
    }

    /** Small integers, so float products and sums are exact and comparable bit for bit. */
    private static float[] ramp(int offset) {
        float[] values = new float[SIDE * SIDE];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 7) + offset;
        }
        return values;
    }

    private static float[] multiply(float[] a, float[] b) {
        float[] c = new float[SIDE * SIDE];
        for (int row = 0; row < SIDE; row++) {
            for (int col = 0; col < SIDE; col++) {
                for (int k = 0; k < SIDE; k++) {
                    c[row * SIDE + col] += a[row * SIDE + k] * b[k * SIDE + col];
                }
            }
        }
        return c;
    }

    public String line() {
        return String.format(
                "executor %s  host %s  pid %d  pytorch %s  threads %d  matmul %s  driver pid %d",
                executorId, host, pid, pytorchVersion, threads, matmulCorrect ? "ok" : "WRONG", driverPid);
    }
}
