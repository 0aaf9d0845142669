package munet.checkpoint;

/**
 * Where one parameter of a system component lives in a checkpoint: the component and its stable
 * parameter name (e.g. {@code encoderblock_0} / {@code attention.query.weight}) with the shape
 * the system gives it, and the checkpoint's tensor name and shape.
 */
record TensorMapping(
        String component,
        String parameter,
        long[] systemShape,
        String external,
        long[] externalShape,
        TensorConversion conversion) {}
