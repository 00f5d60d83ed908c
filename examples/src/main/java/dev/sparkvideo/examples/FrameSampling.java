package dev.sparkvideo.examples;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Frames for a training set: every Nth frame (N = 30 by default, about one per second at 30 fps), resized to 224
 * pixels high as JPEG, with the columns a training pipeline wants, into Parquet.
 *
 * <p>Usage: {@code FrameSampling INPUT OUTPUT [STEP] [HEIGHT]}. Large files are split across tasks.
 */
public final class FrameSampling {
  private FrameSampling() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("Usage: FrameSampling INPUT OUTPUT [STEP] [HEIGHT]");
      System.exit(2);
    }
    SparkSession spark = SparkSession.builder().appName("spark-video frame sampling").getOrCreate();
    spark.read().format("video")
        .option("frameStep", args.length > 2 ? args[2] : "30")
        .option("height", args.length > 3 ? args[3] : "224")
        .option("frameFormat", "jpeg")
        .load(args[0])
        .select(col("path"), col("frame_index"), col("pts_seconds"), col("width"), col("height"),
            col("metadata.codec").as("codec"), col("metadata.average_fps").as("fps"),
            col("metadata.duration_seconds").as("video_seconds"), col("data").as("jpeg"))
        .write().mode(SaveMode.Overwrite).parquet(args[1]);
    System.out.println("Sampled frames written to " + args[1]);
    spark.stop();
  }
}
