package dev.sparkvideo.spark;

import java.util.Set;
import org.apache.spark.sql.connector.catalog.MetadataColumn;
import org.apache.spark.sql.connector.catalog.SupportsMetadataColumns;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** The videos under the given paths, read as frames or as stream metadata, with Spark's {@code _metadata} column. */
final class VideoTable implements SupportsRead, SupportsMetadataColumns {
  private final VideoReadOptions options;
  private final CaseInsensitiveStringMap rawOptions;

  VideoTable(VideoReadOptions options, CaseInsensitiveStringMap rawOptions) {
    this.options = options;
    this.rawOptions = rawOptions;
  }

  @Override
  public String name() {
    return "video " + VideoPaths.of(rawOptions);
  }

  @Override
  public StructType schema() {
    return VideoSchema.of(options.mode());
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap scanOptions) {
    return new VideoScanBuilder(options, VideoPaths.of(rawOptions));
  }

  @Override
  public MetadataColumn[] metadataColumns() {
    return new MetadataColumn[] {new FileMetadataColumn()};
  }

  /** Spark's {@code _metadata} column: file path, name, size and modification time. */
  private static final class FileMetadataColumn implements MetadataColumn {
    @Override
    public String name() {
      return VideoSchema.FILE_METADATA_COLUMN;
    }

    @Override
    public DataType dataType() {
      return VideoSchema.FILE_METADATA;
    }

    @Override
    public boolean isNullable() {
      return false;
    }

    @Override
    public String comment() {
      return "The file each row comes from: file_path, file_name, file_size, file_modification_time";
    }
  }
}
