package dev.sparkvideo.benchmarks;

import static dev.sparkvideo.benchmarks.ResultTable.number;
import static dev.sparkvideo.benchmarks.ResultTable.ratio;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;

import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Case 4: metadata mode over a directory of short files on HDFS, against binaryFile reading the same files, and
 * against Spark's own floor: an empty job of as many tasks, run in turns with the read.
 */
final class CatalogCase {
  private final SparkReads reads;
  private final ResultTable table;

  CatalogCase(SparkReads reads, ResultTable table) {
    this.reads = reads;
    this.table = table;
  }

  void run(String directory, int files, int mp4Files, long totalBytes, int cores) throws Exception {
    long[] bytes = new long[1];
    int tasks = reads.video(directory, "mode", "metadata").javaRDD().getNumPartitions();
    ExecutorCpu cpu = ExecutorCpu.watch(reads.spark());
    double[] medians = Timing.interleavedMedians(Timing.REPEATS,
        cpu.counting(() -> bytes[0] = readMetadata(directory, files)),
        () -> reads.spark().range(0, tasks, 1, tasks).collectAsList());
    double cpuPerFile = cpu.stop() / ((double) files * (Timing.REPEATS + 1)); // one warm-up round too
    double metadata = medians[0];
    double emptyJob = medians[1];
    double binary = Timing.median(Timing.REPEATS, () -> reads.spark().read().format("binaryFile").load(directory)
        .select(length(col("content"))).collectAsList());
    ExecutorCpu mp4Cpu = ExecutorCpu.watch(reads.spark());
    double mp4 = Timing.median(Timing.REPEATS,
        mp4Cpu.counting(() -> readMetadata(directory + "/*.mp4", mp4Files)));
    double mp4CpuPerFile = mp4Cpu.stop() / ((double) mp4Files * (Timing.REPEATS + 1));

    double perCore = files / metadata / cores;
    table.add("4", String.format(Locale.ROOT, "metadata of %d files on HDFS: files/s (per core)", files),
        number(files / metadata) + " (" + number(perCore) + ")",
        number(files / binary) + " (" + number(files / binary / cores) + ", binaryFile)", ratio(binary / metadata),
        ">= 500 per core", perCore >= 500);
    table.add("4", String.format(Locale.ROOT, "Spark's floor: an empty job of the same %d tasks, in files/s it"
        + " leaves room for (per core)", tasks), number(files / emptyJob) + " (" + number(files / emptyJob / cores)
        + ")", "-", "-", "-", null);
    table.add("4", "metadata: files per second of task CPU (Spark's executorCpuTime)", number(1 / cpuPerFile),
        "-", "-", ">= 500", 1 / cpuPerFile >= 500);
    table.add("4", String.format(Locale.ROOT, "metadata of the %d H.264 MP4s alone: files/s (per core); per"
        + " second of task CPU", mp4Files), number(mp4Files / mp4) + " (" + number(mp4Files / mp4 / cores) + "); "
        + number(1 / mp4CpuPerFile), "-", "-", "-", null);
    table.add("4", "metadata: bytes read per file", String.format(Locale.ROOT, "%,d B", bytes[0] / files),
        String.format(Locale.ROOT, "%,d B (binaryFile)", totalBytes / files),
        ratio((double) totalBytes / bytes[0]), "-", null);
  }

  /** Reads the metadata of {@code path} (a directory or a glob) and returns the bytes it read. */
  private long readMetadata(String path, int files) {
    Dataset<Row> df = reads.video(path, "mode", "metadata");
    if (df.collectAsList().size() < files) {
      throw new IllegalStateException("fewer metadata rows than files in " + path);
    }
    return SparkReads.bytesRead(df);
  }
}
