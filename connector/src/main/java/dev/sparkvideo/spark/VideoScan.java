package dev.sparkvideo.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FileSourceOptions;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.Statistics;
import org.apache.spark.sql.connector.read.SupportsReportStatistics;
import org.apache.spark.sql.execution.PartitionedFileUtil;
import org.apache.spark.sql.internal.connector.SupportsMetadata;
import org.apache.spark.sql.execution.datasources.FilePartition;
import org.apache.spark.sql.execution.datasources.FileStatusWithMetadata;
import org.apache.spark.sql.execution.datasources.PartitionDirectory;
import org.apache.spark.sql.execution.datasources.PartitionedFile;
import org.apache.spark.sql.execution.datasources.PartitioningAwareFileIndex;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Plans the read over Spark's file index: the files of the partitions the partition filters keep (no file is opened),
 * pruned further by the file filters; a file larger than {@code maxPartitionBytes} cut into that many time slices,
 * smaller ones packed together by Spark's own packing ({@link FilePartition}, which also honours
 * {@code spark.sql.files.maxPartitionNum}); the Hadoop configuration shipped to executors once, as a broadcast.
 * Reports the estimated size of its output for the planner.
 */
final class VideoScan implements Scan, Batch, SupportsReportStatistics, SupportsMetadata {
  /** Statistics: bytes of output per byte of file, by how deep the scan reads. */
  static final double PIXEL_BYTES_PER_FILE_BYTE = 20;
  static final double ROW_BYTES_PER_FILE_BYTE_WITHOUT_PIXELS = 0.01;
  static final long METADATA_ROW_BYTES_PER_FILE = 1024;

  private final SparkSession spark;
  private final PartitioningAwareFileIndex fileIndex;
  private final CaseInsensitiveStringMap rawOptions;
  private final VideoReadOptions options;
  private final StructType readDataSchema;
  private final StructType readPartitionSchema;
  private final StructType fileMetadata;
  private final ScanFilters filters;
  private final Integer limit;
  private final ReadDepth depth;
  private List<PartitionDirectory> selected;

  VideoScan(SparkSession spark, PartitioningAwareFileIndex fileIndex, CaseInsensitiveStringMap rawOptions,
      VideoReadOptions options, StructType readDataSchema, StructType readPartitionSchema, StructType fileMetadata,
      ScanFilters filters, Integer limit) {
    this.spark = spark;
    this.fileIndex = fileIndex;
    this.rawOptions = rawOptions;
    this.options = options;
    this.readDataSchema = readDataSchema;
    this.readPartitionSchema = readPartitionSchema;
    this.fileMetadata = fileMetadata;
    this.filters = filters;
    this.limit = limit;
    this.depth = ReadDepth.of(readDataSchema, options, filters.bounds());
  }

  /** The source's columns, then {@code _metadata} when asked for, then the partition columns. */
  @Override
  public StructType readSchema() {
    List<StructField> fields = new ArrayList<>(List.of(readDataSchema.fields()));
    if (fileMetadata != null) {
      fields.add(new StructField(VideoSchema.FILE_METADATA_COLUMN, fileMetadata, false,
          org.apache.spark.sql.types.Metadata.empty()));
    }
    fields.addAll(List.of(readPartitionSchema.fields()));
    return new StructType(fields.toArray(new StructField[0]));
  }

  @Override
  public String description() {
    StringBuilder sb = new StringBuilder("VideoScan");
    metadata().forEach((k, v) -> sb.append(sb.length() == 9 ? " " : ", ").append(k).append(": ").append(v));
    return sb.toString();
  }

  /** What {@code explain} shows of the scan, as Spark's file scans show it. */
  @Override
  public scala.collection.immutable.Map<String, String> getMetaData() {
    return scala.collection.immutable.Map.from(CollectionConverters.asScala(metadata()));
  }

  private Map<String, String> metadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("Format", "video");
    m.put("Mode", options.mode().name().toLowerCase(Locale.ROOT) + ", seekMode="
        + options.seekMode().name().toLowerCase(Locale.ROOT)
        + (options.mode() == VideoReadOptions.Mode.FRAMES ? ", depth=" + depth.name().toLowerCase(Locale.ROOT) : ""));
    m.put("ReadSchema", readSchema().catalogString());
    m.put("PartitionFilters", CollectionConverters.asJava(filters.partitionFilters()).toString());
    m.put("PushedFilters", filters.pushed().stream().map(Predicate::toString).toList().toString());
    if (limit != null) {
      m.put("PushedLimit", limit.toString());
    }
    m.put("Location", fileIndex.getClass().getSimpleName()
        + CollectionConverters.asJava(fileIndex.rootPaths()));
    return m;
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  @Override
  public CustomMetric[] supportedCustomMetrics() {
    return VideoMetrics.all();
  }

  /** The files the partition filters select, listed by Spark's file index (once per table, then cached). */
  private synchronized List<PartitionDirectory> selected() {
    if (selected == null) {
      selected = CollectionConverters.asJava(fileIndex.listFiles(filters.partitionFilters(), filters.dataFilters()));
    }
    return selected;
  }

  private boolean accepted(FileStatusWithMetadata file) {
    return filters.fileFilters().stream().allMatch(f -> f.accepts(file.fileStatus()));
  }

  /**
   * The planner's estimate of the scan's output, from the bytes of the files it reads: 1 KiB per file in metadata
   * mode; for frames, {@value #PIXEL_BYTES_PER_FILE_BYTE} bytes per file byte when pixels are read (decoded frames are
   * tens of times larger than the compressed video) and {@value #ROW_BYTES_PER_FILE_BYTE_WITHOUT_PIXELS} without
   * them (a row of about 100 bytes per frame of about 10 KB). The row count is not known without opening the files.
   */
  @Override
  public Statistics estimateStatistics() {
    long files = 0;
    long bytes = 0;
    for (PartitionDirectory dir : selected()) {
      for (FileStatusWithMetadata f : CollectionConverters.asJava(dir.files())) {
        if (accepted(f)) {
          files++;
          bytes += f.getLen();
        }
      }
    }
    double estimate = options.mode() == VideoReadOptions.Mode.METADATA ? files * (double) METADATA_ROW_BYTES_PER_FILE
        : depth == ReadDepth.PIXELS ? bytes * PIXEL_BYTES_PER_FILE_BYTE
        : bytes * ROW_BYTES_PER_FILE_BYTE_WITHOUT_PIXELS;
    long size = (long) Math.min(Long.MAX_VALUE, Math.max(1, estimate));
    return new Statistics() {
      @Override
      public OptionalLong sizeInBytes() {
        return OptionalLong.of(size);
      }

      @Override
      public OptionalLong numRows() {
        return OptionalLong.empty();
      }
    };
  }

  @Override
  public InputPartition[] planInputPartitions() {
    if (options.mode() == VideoReadOptions.Mode.FRAMES && filters.bounds().empty()) {
      return new InputPartition[0];
    }
    // An upper bound on frame_index (a first-frame query) ends near the start of a file: later slices would each
    // open the file and decode a frame only to find their first index past the bound.
    boolean splittable = options.mode() == VideoReadOptions.Mode.FRAMES && depth != ReadDepth.HEADER
        && options.maxFramesPerFile() == null && limit == null && filters.bounds().indexHigh() == Long.MAX_VALUE;
    PartitionValues values = new PartitionValues(fileIndex.partitionSchema(), readPartitionSchema);
    List<PartitionedFile> files = new ArrayList<>();
    long openCost = spark.sessionState().conf().filesOpenCostInBytes();
    long total = 0;
    for (PartitionDirectory dir : selected()) {
      InternalRow partitionValues = values.project(dir.values());
      for (FileStatusWithMetadata f : CollectionConverters.asJava(dir.files())) {
        if (!accepted(f)) {
          continue;
        }
        long length = f.getLen();
        int slices = splittable ? (int) Math.min(Integer.MAX_VALUE,
            Math.max(1, (length + options.maxPartitionBytes() - 1) / options.maxPartitionBytes())) : 1;
        // Equal slices, the first ones a byte longer: sorted by length below, a file's slices stay in order, so
        // each starts where the ones before have read on (files without a frame index count packets up to it).
        long base = length / slices;
        long longer = length % slices;
        for (int k = 0; k < slices; k++) {
          long start = k * base + Math.min(k, longer);
          files.add(PartitionedFileUtil.getPartitionedFile(f, f.getPath(), partitionValues, start,
              base + (k < longer ? 1 : 0)));
        }
        total += length + openCost;
      }
    }
    files.sort(Comparator.comparingLong(PartitionedFile::length).reversed());
    long totalWithOpenCost = total;
    long packBytes = Math.min(options.maxPartitionBytes(),
        FilePartition.maxSplitBytes(spark, (scala.Function0<Object>) () -> totalWithOpenCost));
    return CollectionConverters.asJava(FilePartition.getFilePartitions(spark,
        CollectionConverters.asScala(files).toSeq(), packBytes)).toArray(new InputPartition[0]);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    Configuration conf = spark.sessionState().newHadoopConfWithOptions(
        scala.collection.immutable.Map.from(CollectionConverters.asScala(rawOptions.asCaseSensitiveMap())));
    Broadcast<ShippedConfiguration> broadcast = ShippedConfiguration.broadcast(spark.sparkContext(), conf);
    FileSourceOptions fileOptions = new FileSourceOptions(
        scala.collection.immutable.Map.from(CollectionConverters.asScala(rawOptions.asCaseSensitiveMap())));
    return new VideoPartitionReaderFactory(broadcast, fileOptions, options,
        new RowLayout(readDataSchema, fileMetadata, readPartitionSchema), filters.bounds(), limit, depth);
  }
}
