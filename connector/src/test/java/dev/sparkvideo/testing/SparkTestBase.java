package dev.sparkvideo.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import scala.jdk.javaapi.CollectionConverters;

/** A local[2] Spark session shared by the tests of one class, reads through it, and the scan's metrics. */
public abstract class SparkTestBase {
  protected static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder()
        .master("local[2]")
        .appName("spark-video-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.adaptive.enabled", "false")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.stop();
      spark = null;
    }
  }

  /** The video scan's metrics of an executed Dataset (summed over its tasks), by metric name. */
  public static Map<String, Long> scanMetrics(Dataset<Row> executed) {
    Deque<SparkPlan> todo = new ArrayDeque<>();
    todo.add(executed.queryExecution().executedPlan());
    while (!todo.isEmpty()) {
      SparkPlan plan = todo.pop();
      Map<String, SQLMetric> metrics = CollectionConverters.asJava(plan.metrics());
      if (metrics.containsKey("videoBytesRead")) {
        Map<String, Long> out = new HashMap<>();
        metrics.forEach((k, v) -> out.put(k, v.value()));
        return out;
      }
      todo.addAll(CollectionConverters.asJava(plan.children()));
    }
    throw new AssertionError("no video scan in " + executed.queryExecution().executedPlan());
  }

  /** {@code spark.read.format("video")} of {@code path} with options given as key, value, key, value, ... */
  protected static Dataset<Row> read(Path path, String... options) {
    var reader = spark.read().format("video");
    for (int i = 0; i < options.length; i += 2) {
      reader = reader.option(options[i], options[i + 1]);
    }
    return reader.load(path.toString());
  }

  /** Every message of a failure's cause chain, for assertions on what a user would read. */
  public static String causes(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c).append(" | ");
    }
    return sb.toString();
  }

  /** A file's size, unchecked. */
  public static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
