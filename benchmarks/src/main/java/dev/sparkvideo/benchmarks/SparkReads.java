package dev.sparkvideo.benchmarks;

import dev.sparkvideo.testing.SparkTestBase;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads through the public Spark API, as a user's job does, and the scan's bytes-read metric afterwards. */
final class SparkReads {
  private final SparkSession spark;

  SparkReads(SparkSession spark) {
    this.spark = spark;
  }

  SparkSession spark() {
    return spark;
  }

  /** {@code spark.read.format("video")} with options given as name, value pairs. */
  Dataset<Row> video(String path, String... options) {
    DataFrameReader reader = spark.read().format("video");
    for (int i = 0; i < options.length; i += 2) {
      reader = reader.option(options[i], options[i + 1]);
    }
    return reader.load(path);
  }

  /** Bytes the video scan of an executed query read (its {@code videoBytesRead} metric). */
  static long bytesRead(Dataset<Row> executed) {
    return SparkTestBase.scanMetrics(executed).get("videoBytesRead");
  }

  /** Frames the video scan of an executed query decoded (its {@code videoFramesDecoded} metric). */
  static long framesDecoded(Dataset<Row> executed) {
    return SparkTestBase.scanMetrics(executed).get("videoFramesDecoded");
  }
}
