package dev.sparkvideo.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Runs every case of docs/performance.md side by side with its baseline in one run, several times, prints a table
 * of medians and ratios, and writes it into docs/performance.md. Makes its own data and starts its own HDFS and S3.
 *
 * <p>Usage: {@code Benchmarks WORK_DIR PERFORMANCE_MD PEERS_SCRIPT [CASES]}, where {@code PEERS_SCRIPT} is
 * {@code benchmarks/peers/peers.py}; run with {@code mvn -B -DskipTests -Pbenchmarks verify}. {@code CASES},
 * e.g. {@code 2,3}, runs only those cases and prints their rows without writing the report (from Maven:
 * {@code -Dbenchmarks.cases=2,3}).
 */
public final class Benchmarks {
  private static final String MASTER = "local[2]";
  private static final int CORES = 2;
  private static final int SLICES = 8;
  private static final Set<String> ALL_CASES = Set.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    Path work = Files.createDirectories(Path.of(args[0]));
    Path report = Path.of(args[1]);
    Path peersScript = Path.of(args[2]);
    Set<String> cases = args.length > 3 && !args[3].isBlank() ? Set.of(args[3].split(",")) : ALL_CASES;
    FfmpegCli ffmpeg = FfmpegCli.load(); // before the data: fail fast where the command line cannot run
    System.out.println("Making the benchmark videos in " + work.resolve("data") + " (first run only) ...");
    BenchmarkData data = BenchmarkData.prepare(work.resolve("data"));
    ResultTable table = new ResultTable();
    try (BenchmarkStorage storage = new BenchmarkStorage(work.resolve("storage"))) {
      SparkSession.Builder builder = SparkSession.builder().master(MASTER).appName("spark-video benchmarks")
          .config("spark.ui.enabled", "false").config("spark.sql.adaptive.enabled", "false");
      storage.s3aSettings().forEach((k, v) -> builder.config("spark.hadoop." + k, v));
      SparkSession spark = builder.getOrCreate();
      spark.sparkContext().setLogLevel("WARN");
      try {
        SparkReads reads = new SparkReads(spark);
        PythonPeers.OnFirstUse python = new PythonPeers.OnFirstUse(work.resolve("peers-venv"), peersScript);
        Path seed = data.file(BenchmarkData.SEED);
        if (cases.contains("1")) {
          System.out.println("Case 1: first frame");
          Path large = data.file(BenchmarkData.LARGE);
          new FirstFrameCase(reads, ffmpeg, table).run(seed, storage.toHdfs(seed, "seed.mp4"),
              storage.toS3(seed, "seed.mp4"), large, storage.toS3(large, "large.mp4"));
        }
        if (cases.contains("2")) {
          System.out.println("Case 2: full decode throughput");
          throughput(reads, ffmpeg, python, data, table);
        }
        if (cases.contains("3")) {
          System.out.println("Case 3: splitting one long file");
          new SplittingCase(reads, table).run(data.file(BenchmarkData.LONG), SLICES);
        }
        if (cases.contains("4")) {
          System.out.println("Case 4: metadata catalog on HDFS");
          new CatalogCase(reads, table).run(storage.toHdfs(data.catalogDir(), "catalog"),
              BenchmarkData.catalogFiles(), BenchmarkData.catalogFiles(".mp4"), size(data.catalogDir()), CORES);
        }
        if (cases.contains("5")) {
          System.out.println("Case 5: pushed time filter, frame step");
          new PushedFilterCase(reads, table).run(seed.toString(), data.file(BenchmarkData.LONG));
        }
        if (cases.contains("8")) {
          System.out.println("Case 8: listing many files");
          ListingCase listing = new ListingCase(spark, table);
          Path small = data.file(BenchmarkData.CYCLE);
          Path tenThousand = ListingCase.tree(work.resolve("listing"), small, 1000, 10);
          Path hundredThousand = ListingCase.tree(work.resolve("listing"), small, 1000, 100);
          listing.heap(hundredThousand, 100_000);
          listing.run(tenThousand, "10,000 files in 1,000 directories");
          listing.run(hundredThousand, "100,000 files in 1,000 directories");
        }
        if (cases.contains("10")) {
          System.out.println("Case 10: round trips behind a latency per request");
          new RoundTripCase(reads, table).run(seed, data.catalogDir(), BenchmarkData.catalogFiles(), CORES);
        }
        if (cases.contains("9")) {
          System.out.println("Case 9: the Python peers (making their virtualenv on the first run)");
          peers(reads, python, data, table);
        }
      } finally {
        spark.stop();
      }
    }
    if (cases.contains("6")) {
      System.out.println("Case 6: memory");
      new MemoryCase(table).run(data.file(BenchmarkData.SEED), data.file(BenchmarkData.FIVE_MINUTES),
          data.file(BenchmarkData.CYCLE));
    }
    if (cases.contains("7")) {
      System.out.println("Case 7: deinterlacing");
      DeinterlaceCase deinterlace = new DeinterlaceCase(table);
      deinterlace.run("720x576 MPEG-2, 25i", data.file(BenchmarkData.INTERLACED_SD),
          BenchmarkData.INTERLACED_SD.frameCount());
      deinterlace.run("1920x1080 MPEG-2, 25i", data.file(BenchmarkData.INTERLACED_HD),
          BenchmarkData.INTERLACED_HD.frameCount());
    }
    System.out.println(table.markdown());
    if (cases.equals(ALL_CASES)) {
      PerformanceReport.write(report, table, data, MASTER);
      System.out.println("Wrote " + report);
    }
  }

  /** Case 2: H.264 (rgb24 in depth, then yuv420p) and HEVC (rgb24, yuv420p; made by PyAV's libx265). */
  private static void throughput(SparkReads reads, FfmpegCli ffmpeg, PythonPeers.OnFirstUse python,
      BenchmarkData data, ResultTable table) throws Exception {
    ThroughputCase throughput = new ThroughputCase(reads, ffmpeg, table);
    Path tenSeconds = data.file(BenchmarkData.TEN_SECONDS);
    int frames = BenchmarkData.TEN_SECONDS.frameCount();
    throughput.run(tenSeconds, frames);
    throughput.formats("10 s of 1080p H.264", tenSeconds, frames, Timing.REPEATS, "yuv420p");
    Path hevc;
    try {
      hevc = new Reencodings(python.get()).of(Reencodings.Encoder.X265, tenSeconds);
    } catch (java.io.IOException e) {
      table.add("2", "HEVC rows (the file is made by PyAV's libx265)", "-", "not made: " + e.getMessage(), "-", "-",
          null);
      return;
    }
    throughput.formats("10 s of 1080p HEVC", hevc, frames, Timing.LONG_REPEATS, "rgb24", "yuv420p");
  }

  private static void peers(SparkReads reads, PythonPeers.OnFirstUse python, BenchmarkData data, ResultTable table)
      throws Exception {
    PythonPeers installed;
    try {
      installed = python.get();
    } catch (java.io.IOException e) {
      table.add("9", "the Python peers", "-", "not installed: " + e.getMessage(), "-", "-", null);
      return;
    }
    PeersCase peers = new PeersCase(reads, installed, table);
    Reencodings reencodings = new Reencodings(installed);
    Path seed = data.file(BenchmarkData.SEED);
    Path tenSeconds = data.file(BenchmarkData.TEN_SECONDS);
    peers.firstFrame("the 60 s seed (no B-frames)", seed);
    peers.firstFrame("the 60 s seed re-encoded with B-frames",
        reencodings.of(Reencodings.Encoder.X264_B_FRAMES, seed));
    peers.decode("10 s of 1080p (no B-frames)", tenSeconds, BenchmarkData.TEN_SECONDS.frameCount());
    peers.decode("10 s of 1080p with B-frames", reencodings.of(Reencodings.Encoder.X264_B_FRAMES, tenSeconds),
        BenchmarkData.TEN_SECONDS.frameCount());
    peers.randomFrames("the 160 s 1080p file", data.file(BenchmarkData.LARGE), BenchmarkData.LARGE.frameCount());
    peers.randomFrames("the 60 s seed re-encoded with B-frames",
        reencodings.of(Reencodings.Encoder.X264_B_FRAMES, seed), BenchmarkData.SEED.frameCount());
    peers.metadata(data.catalogDir(), BenchmarkData.catalogFiles());
  }

  private static long size(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      long total = 0;
      for (Path f : (Iterable<Path>) files::iterator) {
        total += Files.size(f);
      }
      return total;
    }
  }
}
