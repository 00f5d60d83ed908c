package dev.sparkvideo.benchmarks;

import static dev.sparkvideo.benchmarks.ResultTable.number;
import static dev.sparkvideo.benchmarks.ResultTable.ratio;
import static dev.sparkvideo.benchmarks.ResultTable.seconds;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;

import dev.sparkvideo.ffmpeg.FrameRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Case 2: every frame of a 10 s 1080p file as rgb24 rows through Spark, against the ffmpeg command line converting
 * to rgb24 on the same file; with one decoder thread and with FFmpeg's own choice of threads. Also the core's own
 * loop on the same JVM, which shows what building rows costs. The reader converts each frame on a second thread while
 * it decodes the next (option {@code conversionThread}), as the command line runs its filters on a thread of their
 * own; the same read with {@code conversionThread=false} shows what that gives. {@link #formats} compares other
 * codecs and output formats the same way, one decoder thread each.
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
    List<Double> rowsCpu = new ArrayList<>();
    List<Double> cliCpu = new ArrayList<>();
    List<Double> oneThreadCpu = new ArrayList<>();
    List<Double> firstFrameCpu = new ArrayList<>();
    List<Double> cliFirstFrameCpu = new ArrayList<>();
    double[] oneThread = Timing.interleavedMedians(Timing.REPEATS,
        () -> rowsCpu.add(rowsCpuSeconds(file, "threads", "1")),
        () -> cliCpu.add(ffmpeg.run("-threads", "1", "-i", file.toString(), "-pix_fmt", "rgb24", "-f", "null", "-")
            .cpuSeconds()),
        () -> oneThreadCpu.add(rowsCpuSeconds(file, "threads", "1", "conversionThread", "false")),
        () -> CoreLoop.decode(file, FrameRequest.builder().threads(1).reuseData(true).build()),
        () -> firstFrameCpu.add(rowsCpuSeconds(file, "threads", "1", "maxFramesPerFile", "1")),
        () -> cliFirstFrameCpu.add(ffmpeg.run("-threads", "1", "-i", file.toString(), "-frames:v", "1", "-pix_fmt",
            "rgb24", "-f", "null", "-").cpuSeconds()));
    double rows1 = oneThread[0];
    double cli1 = oneThread[1];
    double unpipelined = oneThread[2];
    double core1 = oneThread[3];
    double[] auto = Timing.interleavedMedians(Timing.REPEATS,
        () -> reads.video(file.toString(), "threads", "0").select(length(col("data"))).collectAsList(),
        () -> ffmpeg.run("-i", file.toString(), "-pix_fmt", "rgb24", "-f", "null", "-"));
    double rows0 = auto[0];
    double cli0 = auto[1];

    table.add("2", "full decode to rgb24, 1 decoder thread: frames/s, Spark rows vs ffmpeg -threads 1",
        number(frames / rows1), number(frames / cli1), ratio(cli1 / rows1), ">= 1.0x", cli1 / rows1 >= 1.0);
    double cpu1 = msPerFrame(rowsCpu, frames);
    double cliCpu1 = msPerFrame(cliCpu, frames);
    table.add("2", "the same, CPU milliseconds per frame on all threads (this JVM: Spark, GC, JIT included)",
        number(cpu1), number(cliCpu1), ratio(cliCpu1 / cpu1), "<= the command line", cpu1 <= cliCpu1);
    double fixed = timedMedian(firstFrameCpu);
    double cliFixed = timedMedian(cliFirstFrameCpu);
    double beyond = 1000 * (timedMedian(rowsCpu) - fixed) / (frames - 1);
    double cliBeyond = 1000 * (timedMedian(cliCpu) - cliFixed) / (frames - 1);
    table.add("2", "the same, CPU ms per frame after the first (each side's fixed cost, a read of only the first"
        + " frame, left out: " + seconds(fixed) + " of CPU per Spark job, " + seconds(cliFixed) + " per command)",
        number(beyond), number(cliBeyond), ratio(cliBeyond / beyond), "-", null);
    table.add("2", "the same: frames/s; CPU ms per frame, conversion on a second thread (the default) vs on the task"
        + " thread (conversionThread=false)", number(frames / rows1) + "; " + number(cpu1),
        number(frames / unpipelined) + "; " + number(msPerFrame(oneThreadCpu, frames)),
        ratio(unpipelined / rows1), "faster", rows1 < unpipelined);
    table.add("2", "full decode to rgb24, threads=0: frames/s, Spark rows vs ffmpeg's default threading",
        number(frames / rows0), number(frames / cli0), ratio(cli0 / rows0), ">= 1.0x", cli0 / rows0 >= 1.0);
    table.add("2", "full decode to rgb24, 1 decoder thread: frames/s, Spark rows vs the core's loop (no Spark)",
        number(frames / rows1), number(frames / core1), ratio(core1 / rows1), "-", null);
  }

  /**
   * Every frame of {@code file} ({@code label}: its codec and size) as rows of each of {@code frameFormats}, one
   * decoder thread, against {@code ffmpeg -threads 1 -pix_fmt F} on the same file in the same rounds: frames per
   * second and CPU per frame.
   */
  void formats(String label, Path file, int frames, int repeats, String... frameFormats) throws Exception {
    for (String format : frameFormats) {
      List<Double> rowsCpu = new ArrayList<>();
      List<Double> cliCpu = new ArrayList<>();
      double[] medians = Timing.interleavedMedians(repeats,
          () -> rowsCpu.add(rowsCpuSeconds(file, "threads", "1", "frameFormat", format)),
          () -> cliCpu.add(ffmpeg.run("-threads", "1", "-i", file.toString(), "-pix_fmt", format, "-f", "null", "-")
              .cpuSeconds()));
      double rows = medians[0];
      double cli = medians[1];
      double cpu = msPerFrame(rowsCpu, frames);
      double baselineCpu = msPerFrame(cliCpu, frames);
      table.add("2", "full decode of " + label + " to " + format + ", 1 decoder thread: frames/s; CPU ms per frame,"
          + " Spark rows vs ffmpeg -threads 1 -pix_fmt " + format, number(frames / rows) + "; " + number(cpu),
          number(frames / cli) + "; " + number(baselineCpu), ratio(cli / rows) + "; " + ratio(baselineCpu / cpu),
          ">= 1.0x; <= the command line", cli / rows >= 1.0 && cpu <= baselineCpu);
    }
  }

  /** Process CPU seconds of one read of every frame's rgb24 {@code data} through Spark with these options. */
  private double rowsCpuSeconds(Path file, String... options) {
    double before = Timing.processCpuSeconds();
    reads.video(file.toString(), options).select(length(col("data"))).collectAsList();
    return Timing.processCpuSeconds() - before;
  }

  /** The median of the timed runs (the first, the warm-up, left out), in milliseconds per frame. */
  private static double msPerFrame(List<Double> cpuSeconds, int frames) {
    return 1000 * timedMedian(cpuSeconds) / frames;
  }

  /** The median of the timed runs, the first (the warm-up) left out. */
  private static double timedMedian(List<Double> cpuSeconds) {
    List<Double> timed = new ArrayList<>(cpuSeconds.subList(1, cpuSeconds.size()));
    timed.sort(null);
    return timed.get(timed.size() / 2);
  }
}
