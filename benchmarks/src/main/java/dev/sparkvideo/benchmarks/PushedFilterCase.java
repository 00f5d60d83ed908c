package dev.sparkvideo.benchmarks;

import static dev.sparkvideo.benchmarks.ResultTable.ratio;
import static dev.sparkvideo.benchmarks.ResultTable.seconds;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;

import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Case 5: one second in the middle of the 60 s seed file by a filter the source receives, against decoding the
 * whole file and filtering in Spark (the same filter written so that Spark cannot push it down).
 */
final class PushedFilterCase {
  private final SparkReads reads;
  private final ResultTable table;

  PushedFilterCase(SparkReads reads, ResultTable table) {
    this.reads = reads;
    this.table = table;
  }

  void run(String path) throws Exception {
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
}
