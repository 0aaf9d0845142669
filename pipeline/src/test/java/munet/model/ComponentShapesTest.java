package munet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import munet.system.ComponentKind;
import munet.system.ComponentNames;
import munet.system.VitArchitecture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComponentShapesTest {

    @ParameterizedTest
    @CsvSource({"16, 32, 2, 4, 8, 3", "24, 40, 3, 2, 12, 5"})
    void everyComponentHasTheArchitecturesShapeAndParameterCount(
            int hidden, int mlp, int heads, int patch, int image, int classes) {
        VitArchitecture arch = new VitArchitecture(hidden, mlp, heads, patch, 3);
        int batch = 2;
        int tokens = arch.tokens(image);
        try (NDManager manager = TorchRuntime.newManager()) {
            NDArray x = manager.randomNormal(new Shape(batch, 3, image, image));
            for (String name : ComponentNames.ofPath(1, new java.util.TreeSet<>(List.of(0)))) {
                ComponentKind kind = ComponentKind.ofName(name);
                List<Integer> shape = arch.shapeOf(name, image, 6, classes);
                ComponentBlock block = ComponentFactory.create(name, kind, shape);
                block.initialise(manager, new Random(1));
                assertEquals(VitArchitecture.paramCount(kind, shape), block.paramCount(), name);
                Shape before = x.getShape();
                x = block.apply(x);
                assertEquals(block.getOutputShapes(new Shape[] {before})[0], x.getShape(), name);
                Shape expected = switch (kind) {
                    case PATCH_EMBEDDING -> new Shape(batch, tokens - 1, hidden);
                    case HEAD -> new Shape(batch, classes);
                    default -> new Shape(batch, tokens, hidden);
                };
                assertEquals(expected, x.getShape(), name);
            }
        }
    }

    @Test
    void rejectsAShapeOfTheWrongRank() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> ComponentFactory.create("head", ComponentKind.HEAD, List.of(16)));
        assertEquals("component head of kind HEAD needs 2 positive dimensions, got [16]", e.getMessage());
    }

    @Test
    void freshAdapterIsTheIdentity() {
        try (NDManager manager = TorchRuntime.newManager()) {
            ResidualAdapter adapter = new ResidualAdapter("adapter_0", List.of(16, 8));
            adapter.initialise(manager, new Random(7));
            NDArray x = manager.randomNormal(new Shape(2, 5, 16));
            assertArrayEquals(x.toFloatArray(), adapter.apply(x).toFloatArray());
        }
    }
}
