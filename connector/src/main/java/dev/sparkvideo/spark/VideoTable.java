package dev.sparkvideo.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.MetadataColumn;
import org.apache.spark.sql.connector.catalog.SupportsMetadataColumns;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.errors.QueryCompilationErrors;
import org.apache.spark.sql.execution.datasources.FileFormat;
import org.apache.spark.sql.execution.datasources.v2.FileTable;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import scala.Option;
import scala.collection.immutable.Seq;

/**
 * The videos under the given paths, as Spark's own V2 file tables hold files: Spark's file index ({@link FileTable}'s
 * {@code InMemoryFileIndex}: globbing with {@code PATH_NOT_FOUND} at load, listing once per table, in parallel or
 * flat as Spark lists, the file status cache, hive-style partition discovery with {@code basePath}, pruning,
 * {@code inputFiles} and {@code refreshByPath}). The columns are the mode's ({@link VideoSchema}), then the partition
 * columns; Spark's {@code _metadata} column with its full field set. Read only.
 */
final class VideoTable extends FileTable implements SupportsMetadataColumns {
  private final SparkSession spark;
  private final VideoReadOptions.Mode mode;
  private final Option<StructType> userSchema;
  private final Seq<String> paths;
  private StructType schema;

  /**
   * @param userSchema the schema the user (or a catalog table) gives, or none; see {@link #schema()}
   * @throws IllegalArgumentException when an option is bad
   */
  VideoTable(SparkSession spark, CaseInsensitiveStringMap options, Seq<String> paths, Option<StructType> userSchema) {
    super(spark, options, paths, userSchema);
    this.spark = spark;
    this.paths = paths;
    this.userSchema = userSchema;
    // Fail at load() on a bad option; queries parse them again with the session settings of their planning.
    this.mode = VideoReadOptions.parse(options, spark.sessionState().conf().filesMaxPartitionBytes()).mode();
  }

  @Override
  public String name() {
    return "video " + String.join(",", scala.jdk.javaapi.CollectionConverters.asJava(paths));
  }

  @Override
  public Option<StructType> inferSchema(Seq<FileStatus> files) {
    return Option.apply(VideoSchema.of(mode));
  }

  @Override
  public String formatName() {
    return VideoDataSource.SHORT_NAME;
  }

  @Override
  public Class<? extends FileFormat> fallbackFileFormat() {
    return VideoDataSource.class;
  }

  /**
   * The mode's columns (or the part of them a user schema names, with the same types), then the partition columns
   * Spark's file index found, with the types it inferred or the user schema gives. Unlike Spark's own file tables,
   * the source's columns keep their nullability: {@code frame_index} is never null.
   *
   * @throws org.apache.spark.sql.AnalysisException when a user schema names a column this source does not have, or
   *     gives one another type
   */
  @Override
  public synchronized StructType schema() {
    if (schema == null) {
      StructType partitions = fileIndex().partitionSchema();
      StructType source = VideoSchema.of(mode);
      List<StructField> fields = new ArrayList<>();
      if (userSchema.isEmpty()) {
        fields.addAll(List.of(source.fields()));
      } else {
        for (StructField f : userSchema.get().fields()) {
          if (partitions.getFieldIndex(f.name()).isDefined()) {
            continue;
          }
          if (source.getFieldIndex(f.name()).isEmpty()
              || !sameType(source.apply(f.name()).dataType(), f.dataType())) {
            throw SparkErrors.thrown(QueryCompilationErrors.userSpecifiedSchemaMismatchActualSchemaError(
                userSchema.get(), append(source, partitions)));
          }
          fields.add(source.apply(f.name()));
        }
      }
      for (StructField p : partitions.fields()) {
        if (source.getFieldIndex(p.name()).isDefined()) {
          throw new IllegalArgumentException("The partition column '" + p.name() + "' of " + name() + " has the"
              + " name of a column of format \"video\"; rename the directories (" + p.name() + "=...)");
        }
        fields.add(p);
      }
      schema = new StructType(fields.toArray(new StructField[0]));
    }
    return schema;
  }

  private static boolean sameType(DataType ours, DataType theirs) {
    return ours.asNullable().sameType(theirs.asNullable());
  }

  private static StructType append(StructType a, StructType b) {
    List<StructField> all = new ArrayList<>(List.of(a.fields()));
    all.addAll(List.of(b.fields()));
    return new StructType(all.toArray(new StructField[0]));
  }

  /** The columns read from the files: the schema without the partition columns. */
  StructType sourceSchema() {
    StructType partitions = fileIndex().partitionSchema();
    List<StructField> fields = new ArrayList<>();
    for (StructField f : schema().fields()) {
      if (partitions.getFieldIndex(f.name()).isEmpty()) {
        fields.add(f);
      }
    }
    return new StructType(fields.toArray(new StructField[0]));
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap scanOptions) {
    CaseInsensitiveStringMap merged = mergedOptions(scanOptions);
    return new VideoScanBuilder(spark, fileIndex(), sourceSchema(), merged);
  }

  @Override
  public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    throw SparkErrors.writeUnsupported();
  }

  @Override
  public MetadataColumn[] metadataColumns() {
    return new MetadataColumn[] {new FileMetadataColumn()};
  }

  /** Spark's {@code _metadata} column of file sources: path, name, size, block start and length, modification time. */
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
      return "The file each row comes from, as Spark's file sources give it: file_path (URL-encoded), file_name,"
          + " file_size, file_block_start, file_block_length, file_modification_time";
    }
  }
}
