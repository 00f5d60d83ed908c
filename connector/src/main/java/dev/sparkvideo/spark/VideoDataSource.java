package dev.sparkvideo.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.mapreduce.Job;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.execution.datasources.FileFormat;
import org.apache.spark.sql.execution.datasources.OutputWriterFactory;
import org.apache.spark.sql.execution.datasources.PartitionedFile;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import scala.Function1;
import scala.Option;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@code spark.read.format("video")}: video files from any Hadoop FileSystem as one row per frame
 * ({@code mode=frames}) or one row per stream ({@code mode=metadata}).
 *
 * <pre>{@code
 * Dataset<Row> frames = spark.read().format("video")
 *     .option("frameFormat", "jpeg").option("width", "224")
 *     .load("s3a://bucket/videos/");
 * }</pre>
 *
 * <p>Columns: {@link VideoSchema}, then any hive-style partition columns of the directories. Options:
 * {@link VideoReadOptions}. Registered under the short name {@code video}. Reads through {@code spark.read} and
 * catalog tables ({@code CREATE TABLE ... USING video}) use the source's DataSource V2 scan (pushdown into seeks,
 * limits, time slices, metrics); SQL on files (``SELECT * FROM video.`/path` ``) and {@code readStream} go through
 * Spark's file-format machinery, for which this class is also a {@link FileFormat} reading the same rows.
 */
public final class VideoDataSource implements TableProvider, DataSourceRegister, FileFormat {
  /** The format name, {@code video}. */
  public static final String SHORT_NAME = "video";

  private VideoTable inferred;

  /** Created by Spark through the service loader. */
  public VideoDataSource() {}

  @Override
  public String shortName() {
    return SHORT_NAME;
  }

  /**
   * The table of a read without a user schema: its columns, including the partition columns Spark's index finds.
   * Without a path (a managed table being created, whose location the catalog assigns later) the mode's columns.
   */
  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    if (!hasPath(options)) {
      return VideoSchema.of(VideoReadOptions.parse(options, Long.MAX_VALUE).mode());
    }
    inferred = table(options, Option.empty());
    return inferred.schema();
  }

  /** The partition columns, as identity transforms (what a catalog table records). */
  @Override
  public Transform[] inferPartitioning(CaseInsensitiveStringMap options) {
    if (!hasPath(options)) {
      return new Transform[0];
    }
    VideoTable table = inferred != null ? inferred : table(options, Option.empty());
    return Arrays.stream(table.fileIndex().partitionSchema().fieldNames()).map(Expressions::identity)
        .toArray(Transform[]::new);
  }

  private static boolean hasPath(CaseInsensitiveStringMap options) {
    return options.containsKey("path") || options.containsKey("paths");
  }

  /** A user schema ({@code .schema(...)}) or a catalog table's schema is accepted when it matches the source's. */
  @Override
  public boolean supportsExternalMetadata() {
    return true;
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    if (inferred != null) {
      return inferred;
    }
    return table(new CaseInsensitiveStringMap(properties), Option.apply(schema));
  }

  private static VideoTable table(CaseInsensitiveStringMap options, Option<StructType> userSchema) {
    return new VideoTable(SparkSession.active(), options, paths(options), userSchema);
  }

  /** The paths given to {@code load(...)}: Spark passes one as {@code path}, several as a JSON list in {@code paths}. */
  private static Seq<String> paths(CaseInsensitiveStringMap options) {
    List<String> paths = new ArrayList<>();
    String many = options.get("paths");
    if (many != null) {
      try {
        paths.addAll(Arrays.asList(new ObjectMapper().readValue(many, String[].class)));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("Cannot read the paths option: " + many, e);
      }
    }
    String single = options.get("path");
    if (single != null) {
      paths.add(single);
    }
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("No path given: use spark.read.format(\"video\").load(path, ...)");
    }
    return CollectionConverters.asScala(paths).toList();
  }

  // ---- FileFormat: SQL on files and readStream ----

  @Override
  public Option<StructType> inferSchema(SparkSession spark, scala.collection.immutable.Map<String, String> options,
      Seq<FileStatus> files) {
    return Option.apply(VideoSchema.of(FileFormatReads.mode(options)));
  }

  @Override
  public OutputWriterFactory prepareWrite(SparkSession spark, Job job,
      scala.collection.immutable.Map<String, String> options, StructType dataSchema) {
    throw SparkErrors.writeUnsupported();
  }

  @Override
  public boolean isSplitable(SparkSession spark, scala.collection.immutable.Map<String, String> options,
      org.apache.hadoop.fs.Path path) {
    return FileFormatReads.mode(options) == VideoReadOptions.Mode.FRAMES;
  }

  @Override
  public Function1<PartitionedFile, scala.collection.Iterator<InternalRow>> buildReader(SparkSession spark,
      StructType dataSchema, StructType partitionSchema, StructType requiredSchema, Seq<Filter> filters,
      scala.collection.immutable.Map<String, String> options, Configuration hadoopConf) {
    return FileFormatReads.reader(spark, requiredSchema, filters, options, hadoopConf);
  }

  @Override
  public String toString() {
    return "video";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VideoDataSource;
  }

  @Override
  public int hashCode() {
    return VideoDataSource.class.hashCode();
  }
}
