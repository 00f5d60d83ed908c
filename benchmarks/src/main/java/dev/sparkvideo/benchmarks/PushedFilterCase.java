package dev.sparkvideo.benchmarks;

import static dev.sparkvideo.benchmarks.ResultTable.ratio;
import static dev.sparkvideo.benchmarks.ResultTable.seconds;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;

import dev.sparkvideo.testing.Remuxer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Case 5: one second in the middle of the 60 s seed file by a filter the source receives, and every 300th frame of
 * the five-minute file by {@code frameStep}, each against decoding the whole file and filtering in Spark (the same
 * selection written so that the source cannot apply it); and the same step on copies of the five-minute file in
 * Matroska and MPEG-TS, which list no index of every frame, so that frames are numbered by counting packets.
 */
final class PushedFilterCase {
  private final SparkReads reads;
  private final ResultTable table;

  PushedFilterCase(SparkReads reads, ResultTable table) {
    this.reads = reads;
    this.table = table;
  }

  void run(String path, Path longPath) throws Exception {
    timeFilter(path);
    step(longPath.toString());
    Path dir = longPath.resolveSibling("remuxed");
    unindexedStep("Matroska", Remuxer.copy(longPath, 0, "matroska", "mkv", dir));
    unindexedStep("MPEG-TS", Remuxer.copy(longPath, 0, "mpegts", "ts", dir));
  }

  private void timeFilter(String path) throws Exception {
    long[] bytes = new long[2];
    double pushed = Timing.median(Timing.REPEATS, () -> {
      Dataset<Row> df = reads.video(path).where("pts_seconds >= 29.5 and pts_seconds < 30.5")
          .select(length(col("data")));
      df.collectAsList();
      bytes[0] = SparkReads.bytesRead(df);
    });
    double unpushed = Timing.median(Timing.LONG_REPEATS, () -> {
      Dataset<Row> df = reads.video(path).where("pts_seconds + 0 >= 29.5 and pts_seconds + 0 < 30.5")
          .select(length(col("data")));
      df.collectAsList();
      bytes[1] = SparkReads.bytesRead(df);
    });
    table.add("5", "1 s in the middle of 60 s: pushed filter vs decode all and filter in Spark, seconds",
        seconds(pushed), seconds(unpushed), ratio(unpushed / pushed), "faster", unpushed > pushed);
    table.add("5", "1 s in the middle of 60 s: bytes read", String.format(Locale.ROOT, "%,d B", bytes[0]),
        String.format(Locale.ROOT, "%,d B", bytes[1]), ratio((double) bytes[1] / bytes[0]), "fewer",
        bytes[0] < bytes[1]);
  }

  /** {@code frameStep=300}: 30 frames 10 s apart, each sought, against every frame decoded. */
  private void step(String path) throws Exception {
    long[] decoded = new long[2];
    double stepped = Timing.median(Timing.REPEATS, () -> {
      Dataset<Row> df = reads.video(path, "frameStep", "300").select(length(col("data")));
      df.collectAsList();
      decoded[0] = SparkReads.framesDecoded(df);
    });
    double filtered = Timing.median(Timing.LONG_REPEATS, () -> {
      Dataset<Row> df = reads.video(path).where("frame_index % 300 = 0").select(length(col("data")));
      df.collectAsList();
      decoded[1] = SparkReads.framesDecoded(df);
    });
    table.add("5", "every 300th frame of 5 min 360p (8,991 frames): frameStep vs decode all and filter in Spark,"
        + " seconds", seconds(stepped), seconds(filtered), ratio(filtered / stepped), "faster", filtered > stepped);
    table.add("5", "every 300th frame of 5 min 360p: frames decoded", String.format(Locale.ROOT, "%,d", decoded[0]),
        String.format(Locale.ROOT, "%,d", decoded[1]), ratio((double) decoded[1] / decoded[0]), "fewer",
        decoded[0] < decoded[1]);
  }

  /**
   * {@code frameStep=300} on a copy without a frame index: seconds against decoding every frame, and bytes read
   * against the file's size. Each timed read is of a new file version (its modification time moved on), so that it
   * counts the packets before each multiple itself (each count going on from the last); a read again of the same
   * version uses the counts the executor kept, its own row.
   */
  private void unindexedStep(String container, Path file) throws Exception {
    long[] bytes = new long[2];
    double stepped = Timing.median(Timing.REPEATS, () -> {
      Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
      bytes[0] = stepBytes(file);
    });
    bytes[1] = stepBytes(file);
    double filtered = Timing.median(Timing.LONG_REPEATS, () -> reads.video(file.toString())
        .where("frame_index % 300 = 0").select(length(col("data"))).collectAsList());
    long size = Files.size(file);
    table.add("5", "every 300th frame of 5 min 360p in " + container + " (no frame index), a new file version:"
        + " frameStep vs decode all and filter in Spark, seconds", seconds(stepped), seconds(filtered),
        ratio(filtered / stepped), "faster", filtered > stepped);
    table.add("5", "the same in " + container + ": bytes read vs the file's size",
        String.format(Locale.ROOT, "%,d B", bytes[0]), String.format(Locale.ROOT, "%,d B", size),
        ratio((double) bytes[0] / size), "<= 2x", bytes[0] <= 2 * size);
    table.add("5", "the same in " + container + ", read again (the executor's counts kept): bytes read vs the"
        + " file's size", String.format(Locale.ROOT, "%,d B", bytes[1]), String.format(Locale.ROOT, "%,d B", size),
        ratio((double) bytes[1] / size), "-", null);
  }

  private long stepBytes(Path file) {
    Dataset<Row> df = reads.video(file.toString(), "frameStep", "300").select(length(col("data")));
    df.collectAsList();
    return SparkReads.bytesRead(df);
  }
}
