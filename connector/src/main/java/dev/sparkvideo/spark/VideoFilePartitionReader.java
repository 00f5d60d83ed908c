package dev.sparkvideo.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.catalyst.FileSourceOptions;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.execution.datasources.PartitionedFile;
import org.apache.spark.sql.execution.datasources.v2.FilePartitionReader;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark's file partition reader (the files of a partition one after the other, {@code ignoreCorruptFiles} and
 * {@code ignoreMissingFiles}, {@code FAILED_READ_FILE} errors naming the file, {@code input_file_name()}), plus the
 * task metrics it does not report: the sums over the readers of the partition's files.
 */
final class VideoFilePartitionReader extends FilePartitionReader<InternalRow> {
  private final Metrics metrics;

  VideoFilePartitionReader(List<PartitionedFile> files, Function<PartitionedFile, PartitionReader<InternalRow>> open,
      FileSourceOptions options) {
    this(files, new Metrics(open), options);
  }

  private VideoFilePartitionReader(List<PartitionedFile> files, Metrics metrics, FileSourceOptions options) {
    super(CollectionConverters.asScala(files.iterator()), metrics::open, options);
    this.metrics = metrics;
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    return metrics.current();
  }

  /** The metrics of the readers opened so far: of those closed, kept as sums; of the current one, read live. */
  private static final class Metrics {
    private final Function<PartitionedFile, PartitionReader<InternalRow>> open;
    private final Map<String, Long> finished = new LinkedHashMap<>();
    private PartitionReader<InternalRow> current;

    Metrics(Function<PartitionedFile, PartitionReader<InternalRow>> open) {
      this.open = open;
    }

    PartitionReader<InternalRow> open(PartitionedFile file) {
      retire();
      try {
        current = open.apply(file);
      } catch (Throwable e) {
        if (!(e instanceof java.io.FileNotFoundException)) {
          // Counted now: Spark skips it under ignoreCorruptFiles before a reader exists to report it.
          finished.merge(VideoMetrics.CORRUPT_FILES, 1L, Long::sum);
        }
        throw SparkErrors.thrown(e);
      }
      return current;
    }

    private void retire() {
      if (current != null) {
        for (CustomTaskMetric m : current.currentMetricsValues()) {
          finished.merge(m.name(), m.value(), Long::sum);
        }
        current = null;
      }
    }

    CustomTaskMetric[] current() {
      Map<String, Long> sums = new LinkedHashMap<>(finished);
      if (current != null) {
        for (CustomTaskMetric m : current.currentMetricsValues()) {
          sums.merge(m.name(), m.value(), Long::sum);
        }
      }
      return sums.entrySet().stream().map(e -> VideoMetrics.task(e.getKey(), e.getValue()))
          .toArray(CustomTaskMetric[]::new);
    }
  }
}
