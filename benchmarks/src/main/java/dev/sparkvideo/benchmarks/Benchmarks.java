package dev.sparkvideo.benchmarks;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;

import dev.sparkvideo.ffmpeg.FrameReader;
import dev.sparkvideo.ffmpeg.VideoFile;
import dev.sparkvideo.io.HadoopSeekableInput;
import dev.sparkvideo.testing.SparkTestBase;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import dev.sparkvideo.testing.VideoSynthesizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs each case side by side with its baseline in one run, several times, and prints and writes a table of medians
 * and ratios (docs/performance.md). Makes its own data.
 *
 * <p>Usage: {@code Benchmarks DATA_DIR OUTPUT_MD}; run with {@code mvn -B -DskipTests -Pbenchmarks verify}.
 */
public final class Benchmarks {
  private static final int REPEATS = 5;
  /** 1920x1080, 30000/1001 fps, 10 s, index at the end; per-pixel grain makes it costly to encode, like real footage. */
  static final VideoSpec SEED = VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END).size(1920, 1080)
      .fps(30000, 1001).frames(300).gop(60).bitRate(10_000_000).noise();

  private final SparkSession spark;
  private final List<String[]> rows = new ArrayList<>();

  private Benchmarks(SparkSession spark) {
    this.spark = spark;
  }

  public static void main(String[] args) throws Exception {
    Path data = Files.createDirectories(Path.of(args[0]));
    Path output = Path.of(args[1]);
    System.out.println("Making the benchmark video in " + data + " ...");
    Path seed = VideoSynthesizer.writeInto(data, SEED);
    SparkSession spark = SparkSession.builder().master("local[2]").appName("spark-video benchmarks")
        .config("spark.ui.enabled", "false").config("spark.sql.adaptive.enabled", "false").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      Benchmarks b = new Benchmarks(spark);
      b.firstFrame(seed);
      b.fullDecode(seed);
      b.splitting(seed);
      b.pushedWindow(seed);
      String table = b.table();
      System.out.println(table);
      Files.writeString(output, document(seed, table));
      System.out.println("Wrote " + output);
    } finally {
      spark.stop();
    }
  }

  private Dataset<Row> video(Path file, String... options) {
    var reader = spark.read().format("video");
    for (int i = 0; i < options.length; i += 2) {
      reader = reader.option(options[i], options[i + 1]);
    }
    return reader.load(file.toString());
  }

  /** Case 1: the first frame, against downloading the whole file first (what binaryFile + a UDF must do). */
  private void firstFrame(Path seed) throws Exception {
    long size = Files.size(seed);
    long[] bytes = new long[1];
    double ours = median(() -> {
      Dataset<Row> df = video(seed).where(col("frame_index").equalTo(0)).select(length(col("data")));
      df.collectAsList();
      bytes[0] = SparkTestBase.scanMetrics(df).get("videoBytesRead");
      return null;
    });
    double download = median(() -> spark.read().format("binaryFile").load(seed.toString())
        .select(length(col("content"))).collectAsList());
    add("1", "first frame, bytes read / file size", pct(bytes[0], size), "100% (binaryFile)",
        String.format(Locale.ROOT, "%.4f", (double) bytes[0] / size), "<= 0.5%", bytes[0] <= size * 0.005);
    add("1", "first frame vs download-first, seconds", secs(ours), secs(download) + " (download only)",
        ratio(download / ours), "download-first >= 10x slower on 250 MB", null);
  }

  /** Case 2: full decode through Spark rows against the core's own loop, one decoder thread, same file. */
  private void fullDecode(Path seed) throws Exception {
    double rowsTime = median(() -> video(seed).select(length(col("data"))).collectAsList());
    double coreTime = median(() -> {
      try (HadoopSeekableInput in = HadoopSeekableInput.open(new org.apache.hadoop.fs.Path(seed.toUri()),
          new Configuration()); VideoFile v = VideoFile.open(in); FrameReader frames = v.frames()) {
        long n = 0;
        while (frames.next()) {
          n += frames.get().data().length;
        }
        return n;
      }
    });
    double fps = SEED.frameCount() / rowsTime;
    add("2", "full decode rgb24, frames/s (Spark rows vs core loop)",
        String.format(Locale.ROOT, "%.1f", fps),
        String.format(Locale.ROOT, "%.1f", SEED.frameCount() / coreTime), ratio(coreTime / rowsTime), ">= 0.95",
        coreTime / rowsTime >= 0.95);
  }

  /** Case 3: one long file split into time slices on two cores, against one partition. */
  private void splitting(Path seed) throws Exception {
    long size = Files.size(seed);
    double one = median(() -> video(seed).select(length(col("data"))).collectAsList());
    double split = median(() -> video(seed, "maxPartitionBytes", String.valueOf(size / 4 + 1))
        .select(length(col("data"))).collectAsList());
    add("3", "full decode, 4 slices on local[2] vs 1 partition, seconds", secs(split), secs(one),
        ratio(one / split), ">= 1.8x", one / split >= 1.8);
  }

  /** Case 5: 1 s in the middle by a pushed filter, against decoding everything and filtering in Spark. */
  private void pushedWindow(Path seed) throws Exception {
    long[] bytes = new long[2];
    double pushed = median(() -> {
      Dataset<Row> df = video(seed).where("pts_seconds >= 4.5 and pts_seconds < 5.5").select(length(col("data")));
      df.collectAsList();
      bytes[0] = SparkTestBase.scanMetrics(df).get("videoBytesRead");
      return null;
    });
    double unpushed = median(() -> {
      Dataset<Row> df = video(seed).where("pts_seconds + 0 >= 4.5 and pts_seconds + 0 < 5.5")
          .select(length(col("data")));
      df.collectAsList();
      bytes[1] = SparkTestBase.scanMetrics(df).get("videoBytesRead");
      return null;
    });
    add("5", "1 s window: pushed filter vs decode all + filter, seconds", secs(pushed), secs(unpushed),
        ratio(unpushed / pushed), "faster", unpushed > pushed);
    add("5", "1 s window: bytes read", String.valueOf(bytes[0]), String.valueOf(bytes[1]),
        ratio((double) bytes[1] / bytes[0]), "fewer", bytes[0] < bytes[1]);
  }

  private static double median(ThrowingSupplier action) throws Exception {
    action.get();
    double[] t = new double[REPEATS];
    for (int i = 0; i < REPEATS; i++) {
      long t0 = System.nanoTime();
      action.get();
      t[i] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(t);
    return t[REPEATS / 2];
  }

  /** A benchmark step. */
  @FunctionalInterface
  private interface ThrowingSupplier {
    Object get() throws Exception;
  }

  private void add(String id, String what, String ours, String baseline, String ratio, String goal, Boolean met) {
    rows.add(new String[] {id, what, ours, baseline, ratio, goal, met == null ? "not measured here" : met ? "yes"
        : "no"});
  }

  private String table() {
    StringBuilder sb = new StringBuilder("| case | measure | spark-video | baseline | ratio | goal | met |\n");
    sb.append("| --- | --- | --- | --- | --- | --- | --- |\n");
    for (String[] r : rows) {
      sb.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    return sb.toString();
  }

  private static String document(Path seed, String table) throws Exception {
    return "# Performance\n\n"
        + "Measured by `mvn -B -DskipTests -Pbenchmarks verify` (module `benchmarks/`, outside the default build), "
        + "which makes its own data, runs every case and its baseline side by side in one run, " + REPEATS
        + " times after one warm-up, and reports medians.\n\n"
        + "- date: " + LocalDate.now() + "\n"
        + "- machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
        + (Runtime.getRuntime().maxMemory() >> 20) + " MB JVM heap, Java " + System.getProperty("java.version")
        + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "\n"
        + "- data: " + seed.getFileName() + ", " + Files.size(seed) + " bytes (1920x1080, 30000/1001 fps, 10 s, "
        + "H.264 by libopenh264, index at the end, synthetic grain that makes every frame large)\n"
        + "- Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + " local[2], FFmpeg 8.1.2\n\n"
        + table + "\n"
        + "Not measured yet (issue 7): HDFS and S3A against the local path, a 250 MB file, the ffmpeg command line "
        + "as a baseline (its binary needs libpulse here), metadata mode over hundreds of files, and memory growth "
        + "with file length. The integration tests already assert bytes read through HDFS and S3A "
        + "([storage](storage.md)) and the soak test native memory ([failure modes](failure-modes.md)).\n";
  }

  private static String pct(long part, long whole) {
    return String.format(Locale.ROOT, "%.2f%% (%d B)", 100.0 * part / whole, part);
  }

  private static String secs(double s) {
    return String.format(Locale.ROOT, "%.3f s", s);
  }

  private static String ratio(double r) {
    return String.format(Locale.ROOT, "%.2fx", r);
  }
}
