package munet.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/**
 * The floating-point encodings a checkpoint may store its tensors in, all read into float32:
 * F16 and BF16 convert exactly (every half and bfloat16 value is a float32 value), so a
 * half-precision checkpoint imports without loss. Anything else (integers, F64) is refused.
 */
public enum FloatEncoding {
    F32(4),
    F16(2),
    BF16(2);

    private final int bytes;

    FloatEncoding(int bytes) {
        this.bytes = bytes;
    }

    public int bytesPerValue() {
        return bytes;
    }

    /** The encoding of a safetensors dtype name, empty for an unsupported one. */
    public static Optional<FloatEncoding> ofSafetensors(String dtype) {
        return Arrays.stream(values()).filter(e -> e.name().equals(dtype)).findFirst();
    }

    /** What a refusal says: the supported names and that they are converted. */
    public static String supported() {
        return "F32, F16 or BF16 (F16 and BF16 are converted to F32)";
    }

    /** {@code count} little-endian values from {@code bytes} at {@code offset}, as floats. */
    public float[] decode(byte[] bytes, int offset, int count) {
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, count * this.bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[count];
        switch (this) {
            case F32 -> in.asFloatBuffer().get(out);
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = halfToFloat(in.getShort());
                }
            }
            case BF16 -> {
                // bfloat16 is the upper half of a float32
                for (int i = 0; i < count; i++) {
                    out[i] = Float.intBitsToFloat((in.getShort() & 0xffff) << 16);
                }
            }
        }
        return out;
    }

    /** IEEE 754 binary16 to float32 (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >> 10) & 0x1f;
        int mantissa = half & 0x3ff;
        if (exponent == 0x1f) { // infinity or NaN
            return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
        }
        if (exponent == 0) {
            // zero or subnormal: mantissa * 2^-24, exact in float32
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
    }
}
