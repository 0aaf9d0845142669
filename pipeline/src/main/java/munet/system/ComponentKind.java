package munet.system;

/**
 * What a component computes. The kind fixes how its shape is read and how many parameters it
 * has (see {@link VitArchitecture}); the component's name says where in a path it sits.
 */
public enum ComponentKind {
    PATCH_EMBEDDING,
    CLASS_TOKEN,
    POSITION_EMBEDDING,
    ENCODER_BLOCK,
    ADAPTER,
    FINAL_NORM,
    HEAD;

    /** The kind of the component with this path-position name, e.g. {@code encoderblock_3}. */
    public static ComponentKind ofName(String name) {
        if (name.startsWith(ComponentNames.ENCODER_BLOCK_PREFIX)) {
            return ENCODER_BLOCK;
        }
        if (name.startsWith(ComponentNames.ADAPTER_PREFIX)) {
            return ADAPTER;
        }
        return switch (name) {
            case ComponentNames.PATCH_EMBEDDING -> PATCH_EMBEDDING;
            case ComponentNames.CLASS_TOKEN -> CLASS_TOKEN;
            case ComponentNames.POSITION_EMBEDDING -> POSITION_EMBEDDING;
            case ComponentNames.FINAL_NORM -> FINAL_NORM;
            case ComponentNames.HEAD -> HEAD;
            default -> throw new IllegalArgumentException("unknown component name '" + name + "'");
        };
    }
}
