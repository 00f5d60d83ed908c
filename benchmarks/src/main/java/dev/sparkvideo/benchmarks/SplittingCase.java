package dev.sparkvideo.benchmarks;

import static dev.sparkvideo.benchmarks.ResultTable.ratio;
import static dev.sparkvideo.benchmarks.ResultTable.seconds;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Case 3: one five-minute file decoded on local[2], split into time slices against one partition. With the default
 * {@code conversionThread} the one partition already keeps more than one core busy (it decodes on the task thread and
 * converts on a second one), so the same pair is also read with {@code conversionThread=false} on both sides: what
 * splitting alone gives.
 */
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
    String whole = String.valueOf(size + 1);
    String sliced = String.valueOf(size / slices + 1);
    double[] medians = Timing.interleavedMedians(Timing.REPEATS,
        () -> decode(path, "maxPartitionBytes", whole),
        () -> decode(path, "maxPartitionBytes", sliced),
        () -> decode(path, "maxPartitionBytes", whole, "conversionThread", "false"),
        () -> decode(path, "maxPartitionBytes", sliced, "conversionThread", "false"));
    add(String.format(Locale.ROOT, "full decode of a 5 min file, %d slices vs 1 partition on local[2], seconds",
        slices), medians[0], medians[1]);
    add("the same with conversionThread=false on both sides (one thread per task), seconds", medians[2], medians[3]);
  }

  private void decode(String path, String... options) {
    reads.video(path, options).select(length(col("data"))).collectAsList();
  }

  private void add(String measure, double one, double split) {
    table.add("3", measure, seconds(split), seconds(one), ratio(one / split), ">= 1.8x", one / split >= 1.8);
  }
}
