package dev.sparkvideo.examples;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.round;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The quick start job: makes a few sample videos (a 10 s 1080p H.264 file with its index at the end among them),
 * then with {@code spark.read.format("video")} on a local Spark: prints the metadata catalog, a few frame rows,
 * writes the first frame of every video as a PNG thumbnail, and reports how few bytes all that read.
 *
 * <p>Usage: {@code QuickStart [WORK_DIR]} (default {@code target/quickstart}).
 */
public final class QuickStart {
  private QuickStart() {}

  public static void main(String[] args) throws IOException {
    Path work = Path.of(args.length > 0 ? args[0] : "target/quickstart").toAbsolutePath();
    Path videos = work.resolve("videos");
    Path thumbnails = Files.createDirectories(work.resolve("thumbnails"));
    System.out.println("Making sample videos in " + videos + " ...");
    long totalBytes = SampleVideos.write(videos);

    SparkSession spark = SparkSession.builder().master("local[2]").appName("spark-video quick start")
        .config("spark.ui.enabled", "false").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      long before = bytesRead();
      System.out.println("\nThe metadata catalog (mode=metadata: headers only):");
      spark.read().format("video").option("mode", "metadata").load(videos.toString())
          .select(col("_metadata.file_name").as("file"), col("stream_index"), col("media_type"), col("codec"),
              col("width"), col("height"), round(col("average_fps"), 2).as("fps"), col("num_frames"),
              round(col("duration_seconds"), 2).as("seconds"))
          .orderBy("file", "stream_index").show(false);
      long catalog = bytesRead() - before;

      System.out.println("Frames 180 to 182 of the 1080p file (pushed filters: only that file is opened, and"
          + " decoding starts at the keyframe before frame 180):");
      spark.read().format("video").load(videos.toString())
          .where(col("_metadata.file_name").startsWith("h264").and(col("frame_index").between(180, 182)))
          .select(col("frame_index"), round(col("pts_seconds"), 3).as("pts_seconds"), col("is_key_frame"),
              col("width"), col("height"), length(col("data")).as("rgb24 bytes"))
          .show(false);
      long frames = bytesRead() - before - catalog;

      Dataset<Row> firstFrames = spark.read().format("video").option("frameFormat", "png").option("width", "320")
          .load(videos.toString()).where(col("frame_index").equalTo(0))
          .select(col("_metadata.file_name"), col("data"));
      List<Row> thumbnailRows = firstFrames.collectAsList();
      for (Row r : thumbnailRows) {
        Files.write(thumbnails.resolve(r.getString(0) + ".png"), (byte[]) r.get(1));
      }
      long thumbs = bytesRead() - before - catalog - frames;
      System.out.printf(Locale.ROOT, "Bytes read from storage, of %d in all the videos:%n", totalBytes);
      System.out.printf(Locale.ROOT, "  metadata catalog of %d files  %,12d  (%.2f%%)%n", SampleVideos.SPECS.size(),
          catalog,
          100.0 * catalog / totalBytes);
      System.out.printf(Locale.ROOT, "  frames 180-182 of the 1080p file  %,9d  (%.2f%%)%n", frames,
          100.0 * frames / totalBytes);
      System.out.printf(Locale.ROOT, "  %d first-frame thumbnails        %,12d  (%.2f%%)%n", thumbnailRows.size(),
          thumbs, 100.0 * thumbs / totalBytes);
      System.out.println("Thumbnails (PNG, 320 pixels wide): " + thumbnails);
    } finally {
      spark.stop();
    }
  }

  /** Bytes read through Hadoop FileSystems in this JVM (local Spark: driver and executors alike). */
  @SuppressWarnings("deprecation")
  private static long bytesRead() {
    long n = 0;
    for (FileSystem.Statistics s : FileSystem.getAllStatistics()) {
      n += s.getBytesRead();
    }
    return n;
  }
}
