package dev.sparkvideo.examples;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The first frame of every video as a JPEG thumbnail, into a Parquet table ({@code path}, {@code file_name},
 * {@code width}, {@code height}, {@code jpeg}).
 *
 * <p>Usage: {@code Thumbnails INPUT OUTPUT [WIDTH]}. Only the header and the first frame of each file are read.
 */
public final class Thumbnails {
  private Thumbnails() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("Usage: Thumbnails INPUT OUTPUT [WIDTH]");
      System.exit(2);
    }
    SparkSession spark = SparkSession.builder().appName("spark-video thumbnails").getOrCreate();
    spark.read().format("video")
        .option("frameFormat", "jpeg")
        .option("width", args.length > 2 ? args[2] : "320")
        .option("ignoreCorruptFiles", "true")
        .load(args[0])
        .where(col("frame_index").equalTo(0))
        .select(col("path"), col("_metadata.file_name").as("file_name"), col("width"), col("height"),
            col("data").as("jpeg"))
        .write().mode(SaveMode.Overwrite).parquet(args[1]);
    System.out.println("Thumbnails written to " + args[1]);
    spark.stop();
  }
}
