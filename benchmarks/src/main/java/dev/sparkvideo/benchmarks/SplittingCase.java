package dev.sparkvideo.benchmarks;

import static dev.sparkvideo.benchmarks.ResultTable.ratio;
import static dev.sparkvideo.benchmarks.ResultTable.seconds;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Case 3: one five-minute file decoded on local[2], split into time slices against one partition. */
final class SplittingCase {
  private final SparkReads reads;
  private final ResultTable table;

  SplittingCase(SparkReads reads, ResultTable table) {
    this.reads = reads;
    this.table = table;
  }

  void run(Path file, int slices) throws Exception {
    long size = Files.size(file);
    String path = file.toString();
    double[] medians = Timing.interleavedMedians(Timing.REPEATS,
        () -> reads.video(path, "maxPartitionBytes", String.valueOf(size + 1)).select(length(col("data")))
            .collectAsList(),
        () -> reads.video(path, "maxPartitionBytes", String.valueOf(size / slices + 1)).select(length(col("data")))
            .collectAsList());
    double one = medians[0];
    double split = medians[1];
    table.add("3", String.format(Locale.ROOT, "full decode of a 5 min file, %d slices vs 1 partition on local[2], "
        + "seconds", slices), seconds(split), seconds(one), ratio(one / split), ">= 1.8x", one / split >= 1.8);
  }
}
