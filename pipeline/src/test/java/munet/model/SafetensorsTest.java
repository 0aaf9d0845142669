package munet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    private static final Map<String, Tensor> TENSORS = Map.of(
            "b.weight", new Tensor(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, -6.5f}),
            "a.bias", new Tensor(new long[] {2}, new float[] {0.25f, Float.MIN_VALUE}),
            "scalar", new Tensor(new long[] {}, new float[] {7}));

    @Test
    void roundTripsTensorsAndMetadataWithDeterministicBytes() throws IOException {
        byte[] bytes = Safetensors.write(TENSORS, Map.of("kind", "HEAD", "z", "\"quoted\""));
        Safetensors.Contents contents = Safetensors.read(bytes, "test");
        assertEquals(TENSORS, contents.tensors());
        assertEquals(Map.of("kind", "HEAD", "z", "\"quoted\""), contents.metadata());
        assertArrayEquals(
                bytes, Safetensors.write(new java.util.TreeMap<>(TENSORS), Map.of("z", "\"quoted\"", "kind", "HEAD")));
        assertEquals(0, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong() % 8);
    }

    @Test
    void readsBytesBuiltByHandToTheSpecification() throws IOException {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"__metadata__\":{\"format\":\"pt\"},\"v\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[8,12]}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + json.length + 12).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(json.length).put(json).putFloat(1.5f).putFloat(-2f).putFloat(3f);
        Safetensors.Contents contents = Safetensors.read(buffer.array(), "hand-built");
        assertArrayEquals(new float[] {1.5f, -2f}, contents.tensors().get("w").data());
        assertArrayEquals(new long[] {1, 1}, contents.tensors().get("v").shape());
        assertEquals(Map.of("format", "pt"), contents.metadata());
    }

    @Test
    void readsAFileWrittenByPythonsStandardLibrary(@TempDir Path dir) throws Exception {
        assumeTrue(pythonAvailable(), "python3 not installed");
        Path file = dir.resolve("fixture.safetensors");
        String script = String.join(
                "\n",
                "import json, struct, sys",
                "data = struct.pack('<6f', 0.5, 1, 2, 3, 4, -5)",
                "header = json.dumps({'m': {'dtype': 'F32', 'shape': [3, 2], 'data_offsets': [0, 24]},",
                "                     '__metadata__': {'writer': 'python'}}).encode()",
                "open(sys.argv[1], 'wb').write(struct.pack('<Q', len(header)) + header + data)");
        Process process = new ProcessBuilder("python3", "-c", script, file.toString())
                .redirectErrorStream(true)
                .start();
        assertTrue(
                process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0,
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        Safetensors.Contents contents = Safetensors.read(Files.readAllBytes(file), file.toString());
        assertEquals(
                new Tensor(new long[] {3, 2}, new float[] {0.5f, 1, 2, 3, 4, -5}),
                contents.tensors().get("m"));
        assertEquals("python", contents.metadata().get("writer"));
    }

    @Test
    void rejectsTruncatedAndLyingFiles() {
        byte[] bytes = Safetensors.write(TENSORS, Map.of());
        IOException tooShort = assertThrows(IOException.class, () -> Safetensors.read(new byte[5], "blob x"));
        assertTrue(tooShort.getMessage().startsWith("blob x: not safetensors"), tooShort.getMessage());
        IOException truncated = assertThrows(
                IOException.class, () -> Safetensors.read(Arrays.copyOf(bytes, bytes.length - 4), "blob y"));
        assertTrue(truncated.getMessage().contains("tensor scalar"), truncated.getMessage());
        byte[] lyingLength = bytes.clone();
        ByteBuffer.wrap(lyingLength).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 20);
        IOException length = assertThrows(IOException.class, () -> Safetensors.read(lyingLength, "blob z"));
        assertTrue(length.getMessage().contains("header length 1048576 does not fit"), length.getMessage());
        byte[] lyingShape = new String(bytes, StandardCharsets.ISO_8859_1)
                .replace("[2,3]", "[3,3]")
                .getBytes(StandardCharsets.ISO_8859_1);
        IOException shape = assertThrows(IOException.class, () -> Safetensors.read(lyingShape, "blob w"));
        assertTrue(shape.getMessage().contains("tensor b.weight of shape [3, 3]"), shape.getMessage());
        byte[] wrongType = new String(bytes, StandardCharsets.ISO_8859_1)
                .replace("\"F32\"", "\"I32\"")
                .getBytes(StandardCharsets.ISO_8859_1);
        IOException dtype = assertThrows(IOException.class, () -> Safetensors.read(wrongType, "blob v"));
        assertTrue(dtype.getMessage().contains("has dtype I32; only F32, F16 or BF16"), dtype.getMessage());
    }

    @Test
    void componentBlobsKeepStableNamesMomentumAndMetadata() throws IOException {
        var parameters = new java.util.TreeMap<>(Map.of(
                "dense.weight",
                new Tensor(new long[] {2, 4}, new float[8]),
                "dense.bias",
                new Tensor(new long[] {2}, new float[] {1, 2})));
        ComponentState state =
                new ComponentState("head", munet.system.ComponentKind.HEAD, List.of(4, 2), parameters, parameters);
        byte[] bytes = state.encode();
        Safetensors.Contents raw = Safetensors.read(bytes, "blob");
        assertEquals(
                List.of("dense.bias", "dense.weight", "momentum/dense.bias", "momentum/dense.weight"),
                List.copyOf(raw.tensors().keySet()));
        assertEquals("[4, 2]", raw.metadata().get("component.shape"));
        ComponentState decoded = ComponentState.decode(bytes, "blob");
        assertEquals(state, decoded);
        ComponentState wrongShape = new ComponentState(
                "head", munet.system.ComponentKind.HEAD, List.of(4, 3), parameters, new java.util.TreeMap<>());
        IOException e = assertThrows(IOException.class, () -> ComponentState.decode(wrongShape.encode(), "blob q"));
        assertEquals("component blob blob q holds 10 parameters but a HEAD of shape [4, 3] has 15", e.getMessage());
    }

    private static boolean pythonAvailable() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
