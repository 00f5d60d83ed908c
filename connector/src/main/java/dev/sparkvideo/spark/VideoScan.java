package dev.sparkvideo.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;

/**
 * Plans the read: lists the files (pruned by pushed file filters), cuts large ones into time slices and packs small
 * ones together ({@link PartitionPlanner}), and ships the Hadoop configuration to executors once, as a broadcast.
 */
final class VideoScan implements Scan, Batch {
  private final VideoReadOptions options;
  private final List<String> paths;
  private final StructType requiredSchema;
  private final FrameBounds bounds;
  private final List<FileFilter> fileFilters;
  private final List<Predicate> pushed;
  private final Integer limit;
  private final ReadDepth depth;
  private List<ListedFile> files;
  private Broadcast<SerializableConfiguration> configuration;

  VideoScan(VideoReadOptions options, List<String> paths, StructType requiredSchema, FrameBounds bounds,
      List<FileFilter> fileFilters, List<Predicate> pushed, Integer limit) {
    this.options = options;
    this.paths = paths;
    this.requiredSchema = requiredSchema;
    this.bounds = bounds;
    this.fileFilters = fileFilters;
    this.pushed = pushed;
    this.limit = limit;
    this.depth = ReadDepth.of(requiredSchema, options, bounds);
  }

  @Override
  public StructType readSchema() {
    return requiredSchema;
  }

  @Override
  public String description() {
    StringBuilder sb = new StringBuilder("VideoScan mode=").append(options.mode().name().toLowerCase())
        .append(", seekMode=").append(options.seekMode().name().toLowerCase());
    if (options.mode() == VideoReadOptions.Mode.FRAMES) {
      sb.append(", depth=").append(depth.name().toLowerCase());
    }
    sb.append(", paths=").append(paths);
    sb.append(", pushedFilters=").append(pushed.stream().map(Predicate::toString).toList());
    if (limit != null) {
      sb.append(", pushedLimit=").append(limit);
    }
    return sb.toString();
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  @Override
  public CustomMetric[] supportedCustomMetrics() {
    return VideoMetrics.all();
  }

  private synchronized List<ListedFile> files() {
    if (files == null) {
      Configuration conf = SparkSessions.hadoopConfiguration(options);
      List<ListedFile> listed = new ArrayList<>();
      for (ListedFile f : FileLister.list(paths, options, conf)) {
        if (fileFilters.stream().allMatch(filter -> filter.accepts(f))) {
          listed.add(f);
        }
      }
      files = listed;
      configuration = JavaSparkContext.fromSparkContext(SparkSession.active().sparkContext())
          .broadcast(new SerializableConfiguration(conf));
    }
    return files;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    if (options.mode() == VideoReadOptions.Mode.FRAMES && bounds.empty()) {
      return new InputPartition[0];
    }
    // An upper bound on frame_index (a first-frame query) ends near the start of a file: later slices would each
    // open the file and decode a frame only to find their first index past the bound.
    boolean splittable = options.mode() == VideoReadOptions.Mode.FRAMES && depth != ReadDepth.HEADER
        && options.maxFramesPerFile() == null && limit == null && bounds.indexHigh() == Long.MAX_VALUE;
    SparkSession spark = SparkSession.active();
    scala.Option<Object> configured = SQLConf.get().filesMinPartitionNum();
    int minPartitions = configured.isDefined() ? (Integer) configured.get()
        : spark.sparkContext().defaultParallelism();
    PartitionPlanner planner = new PartitionPlanner(options.maxPartitionBytes(),
        SQLConf.get().filesOpenCostInBytes(), minPartitions);
    return planner.plan(files(), splittable).toArray(new InputPartition[0]);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    files();
    return new VideoPartitionReaderFactory(configuration, options, requiredSchema, bounds, limit, depth);
  }
}
