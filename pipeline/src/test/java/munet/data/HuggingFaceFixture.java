package munet.data;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes Parquet the way pyarrow does for a Hugging Face {@code datasets} export: its own record
 * writer (not the project's), the CIFAR-10 Hub column name {@code img}, and the
 * {@code huggingface} footer with ClassLabel names.
 */
final class HuggingFaceFixture {
    static final String FOOTER = "{\"info\": {\"features\": {\"img\": {\"_type\": \"Image\"}, "
            + "\"label\": {\"names\": [\"airplane\", \"automobile\", \"bird\"], "
            + "\"_type\": \"ClassLabel\"}}}}";
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
      message schema {
        optional group img { optional binary bytes; optional binary path (STRING); }
        optional int64 label;
      }""");

    private HuggingFaceFixture() {}

    static void write(Path file, List<ImageRow> rows) throws IOException {
        OutputFile out = HadoopOutputFile.fromPath(file, new Configuration());
        try (ParquetWriter<ImageRow> w = new Builder(out).build()) {
            for (ImageRow r : rows) {
                w.write(r);
            }
        }
    }

    private static final class Builder extends ParquetWriter.Builder<ImageRow, Builder> {
        Builder(OutputFile file) {
            super(file);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<ImageRow> getWriteSupport(Configuration conf) {
            return new Support();
        }
    }

    private static final class Support extends WriteSupport<ImageRow> {
        private RecordConsumer consumer;

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(SCHEMA, Map.of("huggingface", FOOTER));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            consumer = recordConsumer;
        }

        @Override
        public void write(ImageRow row) {
            consumer.startMessage();
            consumer.startField("img", 0);
            consumer.startGroup();
            if (row.bytes() != null) {
                consumer.startField("bytes", 0);
                consumer.addBinary(Binary.fromConstantByteArray(row.bytes()));
                consumer.endField("bytes", 0);
            }
            if (row.path() != null) {
                consumer.startField("path", 1);
                consumer.addBinary(Binary.fromString(row.path()));
                consumer.endField("path", 1);
            }
            consumer.endGroup();
            consumer.endField("img", 0);
            consumer.startField("label", 1);
            consumer.addLong(row.label());
            consumer.endField("label", 1);
            consumer.endMessage();
        }
    }
}
