package dev.sparkvideo.benchmarks;

import static dev.sparkvideo.benchmarks.ResultTable.number;
import static dev.sparkvideo.benchmarks.ResultTable.ratio;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;

import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Case 4: metadata mode over a directory of short files on HDFS, against binaryFile reading the same files. */
final class CatalogCase {
  private final SparkReads reads;
  private final ResultTable table;

  CatalogCase(SparkReads reads, ResultTable table) {
    this.reads = reads;
    this.table = table;
  }

  void run(String directory, int files, long totalBytes, int cores) throws Exception {
    long[] bytes = new long[1];
    ExecutorCpu cpu = ExecutorCpu.watch(reads.spark());
    double metadata = Timing.median(Timing.REPEATS, () -> {
      Dataset<Row> df = reads.video(directory, "mode", "metadata");
      if (df.collectAsList().size() < files) {
        throw new IllegalStateException("fewer metadata rows than files in " + directory);
      }
      bytes[0] = SparkReads.bytesRead(df);
    });
    double cpuPerFile = cpu.stop() / ((double) files * (Timing.REPEATS + 1)); // median() runs a warm-up too
    double binary = Timing.median(Timing.REPEATS, () -> reads.spark().read().format("binaryFile").load(directory)
        .select(length(col("content"))).collectAsList());
    double perCore = files / metadata / cores;
    table.add("4", String.format(Locale.ROOT, "metadata of %d files on HDFS: files/s (per core)", files),
        number(files / metadata) + " (" + number(perCore) + ")",
        number(files / binary) + " (" + number(files / binary / cores) + ", binaryFile)", ratio(binary / metadata),
        ">= 500 per core", perCore >= 500);
    table.add("4", "metadata: files per second of task CPU (Spark's executorCpuTime)", number(1 / cpuPerFile),
        "-", "-", ">= 500", 1 / cpuPerFile >= 500);
    table.add("4", "metadata: bytes read per file", String.format(Locale.ROOT, "%,d B", bytes[0] / files),
        String.format(Locale.ROOT, "%,d B (binaryFile)", totalBytes / files),
        ratio((double) totalBytes / bytes[0]), "-", null);
  }
}
