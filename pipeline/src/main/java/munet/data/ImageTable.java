package munet.data;

import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The Parquet layout of one split file, as Hugging Face {@code datasets} writes it:
 * {@code image struct<bytes binary, path string>, label int64}. Files written here also carry
 * the {@code huggingface} footer key, so {@code datasets} reads them back with class names.
 */
final class ImageTable implements AutoCloseable {
    static final String FILE_NAME = "part-00000.parquet";
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
      message dataset {
        optional group image {
          optional binary bytes;
          optional binary path (STRING);
        }
        optional int64 label;
      }""");

    private final ParquetWriter<Group> writer;
    private final SimpleGroupFactory rows = new SimpleGroupFactory(SCHEMA);

    ImageTable(Path file, Configuration conf, DatasetMetadata metadata) throws IOException {
        // PNG/JPEG bytes are already compressed; SNAPPY only squeezes the small columns.
        this.writer = ExampleParquetWriter.builder(file)
                .withConf(conf)
                .withType(SCHEMA)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withDictionaryEncoding(false)
                .withExtraMetaData(Map.of(DatasetMetadata.HUGGINGFACE_KEY, metadata.toHuggingFaceJson()))
                .build();
    }

    void write(ImageRow row) throws IOException {
        Group g = rows.newGroup();
        Group image = g.addGroup("image");
        image.add("bytes", Binary.fromConstantByteArray(row.bytes()));
        if (row.path() != null) {
            image.add("path", row.path());
        }
        g.add("label", row.label());
        writer.write(g);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
