package dev.sparkvideo.benchmarks;

import static dev.sparkvideo.benchmarks.ResultTable.number;
import static dev.sparkvideo.benchmarks.ResultTable.ratio;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;

import dev.sparkvideo.ffmpeg.FrameRequest;
import java.nio.file.Path;

/**
 * Case 2: every frame of a 10 s 1080p file as rgb24 rows through Spark, against the ffmpeg command line converting
 * to rgb24 on the same file; with one decoder thread and with FFmpeg's own choice of threads. Also the core's own
 * loop on the same JVM, which shows what building rows costs.
 */
final class ThroughputCase {
  private final SparkReads reads;
  private final FfmpegCli ffmpeg;
  private final ResultTable table;

  ThroughputCase(SparkReads reads, FfmpegCli ffmpeg, ResultTable table) {
    this.reads = reads;
    this.ffmpeg = ffmpeg;
    this.table = table;
  }

  void run(Path file, int frames) throws Exception {
    double[] rowsCpu = new double[1];
    FfmpegCli.Run[] cli = new FfmpegCli.Run[1];
    double[] oneThread = Timing.interleavedMedians(Timing.REPEATS,
        () -> {
          double before = Timing.processCpuSeconds();
          reads.video(file.toString(), "threads", "1").select(length(col("data"))).collectAsList();
          rowsCpu[0] = Timing.processCpuSeconds() - before;
        },
        () -> cli[0] = ffmpeg.run("-threads", "1", "-i", file.toString(), "-pix_fmt", "rgb24", "-f", "null", "-"),
        () -> CoreLoop.decode(file, FrameRequest.builder().threads(1).reuseData(true).build()));
    double rows1 = oneThread[0];
    double cli1 = oneThread[1];
    double core1 = oneThread[2];
    double[] auto = Timing.interleavedMedians(Timing.REPEATS,
        () -> reads.video(file.toString(), "threads", "0").select(length(col("data"))).collectAsList(),
        () -> ffmpeg.run("-i", file.toString(), "-pix_fmt", "rgb24", "-f", "null", "-"));
    double rows0 = auto[0];
    double cli0 = auto[1];

    table.add("2", "full decode to rgb24, 1 decoder thread: frames/s, Spark rows vs ffmpeg -threads 1",
        number(frames / rows1), number(frames / cli1), ratio(cli1 / rows1), ">= 0.95", cli1 / rows1 >= 0.95);
    table.add("2", "the same, CPU milliseconds per frame on all threads (this JVM: Spark, GC, JIT included)",
        number(1000 * rowsCpu[0] / frames), number(1000 * cli[0].cpuSeconds() / frames), "-", "-", null);
    table.add("2", "full decode to rgb24, threads=0: frames/s, Spark rows vs ffmpeg's default threading",
        number(frames / rows0), number(frames / cli0), ratio(cli0 / rows0), ">= 0.95", cli0 / rows0 >= 0.95);
    table.add("2", "full decode to rgb24, 1 decoder thread: frames/s, Spark rows vs the core's loop (no Spark)",
        number(frames / rows1), number(frames / core1), ratio(core1 / rows1), "-", null);
  }
}
