package dev.sparkvideo.examples;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The frames between two times of every video, through a filter the connector pushes down: each file is read from
 * the keyframe before the start to the end, nothing else. Prints the plan (the pushed filter shows in the scan) and
 * writes PNG frames into Parquet.
 *
 * <p>Usage: {@code TimeWindow INPUT OUTPUT START_SECONDS END_SECONDS}.
 */
public final class TimeWindow {
  private TimeWindow() {}

  public static void main(String[] args) {
    if (args.length < 4) {
      System.err.println("Usage: TimeWindow INPUT OUTPUT START_SECONDS END_SECONDS");
      System.exit(2);
    }
    double start = Double.parseDouble(args[2]);
    double end = Double.parseDouble(args[3]);
    SparkSession spark = SparkSession.builder().appName("spark-video time window").getOrCreate();
    Dataset<Row> window = spark.read().format("video").option("frameFormat", "png").load(args[0])
        .where(col("pts_seconds").geq(start).and(col("pts_seconds").lt(end)))
        .select(col("path"), col("frame_index"), col("pts_seconds"), col("data").as("png"));
    window.explain();
    window.write().mode(SaveMode.Overwrite).parquet(args[1]);
    System.out.println(spark.read().parquet(args[1]).count() + " frames written to " + args[1]);
    spark.stop();
  }
}
