package dev.sparkvideo.spark;

import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

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
 * <p>Columns: {@link VideoSchema}. Options: {@link VideoReadOptions}. Registered under the short name {@code video}.
 */
public final class VideoDataSource implements TableProvider, DataSourceRegister {
  /** The format name, {@code video}. */
  public static final String SHORT_NAME = "video";

  /** Created by Spark through the service loader. */
  public VideoDataSource() {}

  @Override
  public String shortName() {
    return SHORT_NAME;
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return VideoSchema.of(SparkSessions.readOptions(options).mode());
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    CaseInsensitiveStringMap options = new CaseInsensitiveStringMap(properties);
    return new VideoTable(SparkSessions.readOptions(options), options);
  }
}
