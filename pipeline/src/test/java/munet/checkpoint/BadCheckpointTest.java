package munet.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import munet.model.Safetensors;
import munet.model.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a checkpoint can be wrong fails with one line naming the file and what is wrong. */
class BadCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void aMissingTensorIsNamed() throws IOException {
        Map<String, Tensor> tensors = fixtureTensors();
        tensors.remove("blocks.1.mlp.fc2.bias");
        assertRefused(timm(tensors, fixtureConfig()), "model.safetensors: missing tensor blocks.1.mlp.fc2.bias");
    }

    @Test
    void aTensorOfTheWrongShapeIsNamedWithBothShapes() throws IOException {
        Map<String, Tensor> tensors = fixtureTensors();
        tensors.put("blocks.0.attn.proj.weight", new Tensor(new long[] {48, 40}, new float[48 * 40]));
        assertRefused(
                timm(tensors, fixtureConfig()),
                "tensor blocks.0.attn.proj.weight has shape [48, 40], expected [48, 48]");
    }

    @Test
    void anUnexpectedTensorIsNamed() throws IOException {
        Map<String, Tensor> tensors = fixtureTensors();
        tensors.put("blocks.0.ls1.gamma", new Tensor(new long[] {48}, new float[48]));
        assertRefused(
                timm(tensors, fixtureConfig()),
                "unexpected tensor blocks.0.ls1.gamma; the system runs a plain pre-LayerNorm ViT");
    }

    @Test
    void aTruncatedFileIsReportedAsTruncated() throws IOException {
        byte[] bytes = Files.readAllBytes(VitTiny.safetensors());
        Path file = timmBytes(Arrays.copyOf(bytes, bytes.length - 100), fixtureConfig());
        assertRefused(file, "truncated or corrupt file");
        Path npz = dir.resolve("cut.npz");
        byte[] zip = Files.readAllBytes(VitTiny.npz());
        Files.write(npz, Arrays.copyOf(zip, zip.length / 2));
        assertRefused(npz, "cut.npz");
    }

    @Test
    void aHeaderOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
        byte[] bytes = ByteBuffer.allocate(16)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(1L << 40)
                .array();
        assertRefused(
                timmBytes(bytes, fixtureConfig()), "header length 1099511627776 is over the limit of 104857600 bytes");
    }

    @Test
    void anUnsupportedDtypeIsNamedWithTheSupportedOnes() throws IOException {
        String header = "{\"cls_token\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = ByteBuffer.allocate(8 + json.length + 8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(json.length)
                .put(json)
                .array();
        assertRefused(
                timmBytes(bytes, fixtureConfig()),
                "tensor cls_token has dtype I64; only F32, F16 or BF16 (F16 and BF16 are converted to F32) can be read");
        assertRefused(
                npzWith("cls", "<i8", new byte[8]), "dtype <i8 is not supported; only float32 (<f4) and float16 (<f2");
    }

    @Test
    void headsThatDoNotDivideTheWidthAreRefused() throws IOException {
        String config = fixtureConfig().replace("\"num_heads\": 4", "\"num_heads\": 5");
        assertRefused(timm(fixtureTensors(), config), "hidden size 48 is not divisible by the number of heads 5");
    }

    @Test
    void aModelOfOtherThanThreeInputChannelsIsRefused() throws IOException {
        String config = fixtureConfig().replace("\"img_size\": 24,", "\"img_size\": 24, \"in_chans\": 1,");
        assertRefused(timm(fixtureTensors(), config), "munet decodes every image as RGB");
    }

    @Test
    void aConfigThatIsNotAPlainVitIsRefused() throws IOException {
        String config = fixtureConfig().replace("\"global_pool\": \"token\"", "\"global_pool\": \"avg\"");
        assertRefused(timm(fixtureTensors(), config), "model_args has global_pool = avg");
    }

    @Test
    void aTimmCheckpointWithoutItsConfigIsRefused() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Files.copy(VitTiny.safetensors(), file);
        assertRefused(file, "config.json: missing");
    }

    @Test
    void halfPrecisionTensorsAreConvertedExactly() throws IOException {
        // 1.5, -2, 2^-24 (the smallest subnormal) and 65504 (the largest normal) in binary16; 1.5 and -2 in bfloat16
        ByteBuffer f16 = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0x3e00)
                .putShort((short) 0xc000)
                .putShort((short) 0x0001)
                .putShort((short) 0x7bff);
        ByteBuffer bf16 = ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0x3fc0)
                .putShort((short) 0xc000);
        String header = "{\"a\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[8,12]}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = ByteBuffer.allocate(8 + json.length + 12)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(json.length)
                .put(json)
                .put(f16.array())
                .put(bf16.array())
                .array();
        Safetensors.Contents contents = Safetensors.read(bytes, "half");
        assertArrayEquals(
                new float[] {1.5f, -2f, 0x1p-24f, 65504f},
                contents.tensors().get("a").data());
        assertArrayEquals(new float[] {1.5f, -2f}, contents.tensors().get("b").data());
    }

    private void assertRefused(Path file, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckpointFile.read(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(
                e.getMessage().contains(file.getFileName().toString())
                        || e.getMessage().contains("config.json"),
                e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), "one line: " + e.getMessage());
    }

    private static Map<String, Tensor> fixtureTensors() throws IOException {
        return new TreeMap<>(Safetensors.read(Files.readAllBytes(VitTiny.safetensors()), "fixture")
                .tensors());
    }

    private static String fixtureConfig() throws IOException {
        return Files.readString(VitTiny.dir().resolve("config.json"));
    }

    private Path timm(Map<String, Tensor> tensors, String config) throws IOException {
        return timmBytes(Safetensors.write(tensors, Map.of("format", "pt")), config);
    }

    private Path timmBytes(byte[] bytes, String config) throws IOException {
        Path file = dir.resolve("model.safetensors");
        Files.write(file, bytes);
        Files.writeString(dir.resolve("config.json"), config);
        return file;
    }

    /** An npz holding one array {@code name} with this dtype and raw data. */
    private Path npzWith(String name, String descr, byte[] data) throws IOException {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + data.length / 8 + ",), }";
        header = header + " ".repeat(63 - (10 + header.length()) % 64) + "\n";
        ByteArrayOutputStream npy = new ByteArrayOutputStream();
        npy.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        npy.write(ByteBuffer.allocate(2)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) header.length())
                .array());
        npy.write(header.getBytes(StandardCharsets.ISO_8859_1));
        npy.write(data);
        Path file = dir.resolve("bad.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(name + ".npy"));
            zip.write(npy.toByteArray());
            zip.closeEntry();
        }
        return file;
    }
}
