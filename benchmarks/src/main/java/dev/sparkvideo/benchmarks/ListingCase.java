package dev.sparkvideo.benchmarks;

import static dev.sparkvideo.benchmarks.ResultTable.ratio;
import static dev.sparkvideo.benchmarks.ResultTable.seconds;

import dev.sparkvideo.testing.CountingFileSystem;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Case 8: planning a read of many files behind a file system that takes a fixed time per listing call (20 ms, as an
 * object store's LIST costs), against binaryFile on the same tree: per-directory listing (Spark's default) and flat
 * listing (one recursive call, as for s3a); the listing calls later queries on the same DataFrame make; and the
 * driver heap the listing of 100,000 files holds.
 */
final class ListingCase {
  static final long LATENCY_MS = 20;
  private final SparkSession spark;
  private final ResultTable table;

  ListingCase(SparkSession spark, ResultTable table) {
    this.spark = spark;
    this.table = table;
  }

  /** Hard links to one file, at most: well below the 65,000 links of an ext4 inode. */
  private static final int LINKS_PER_COPY = 10_000;

  /**
   * A tree of {@code dirs} partition directories with {@code perDir} files each: hard links to copies of one small
   * video (a copy per {@value #LINKS_PER_COPY} links).
   */
  static Path tree(Path root, Path video, int dirs, int perDir) throws Exception {
    Path dir = root.resolve(dirs + "x" + perDir);
    Path done = dir.resolve("_complete");
    if (!Files.exists(done)) {
      Path copies = Files.createDirectories(root.resolve("_copies-" + dirs + "x" + perDir));
      int made = 0;
      for (int d = 0; d < dirs; d++) {
        Path sub = Files.createDirectories(dir.resolve(String.format(Locale.ROOT, "part=%04d", d)));
        for (int f = 0; f < perDir; f++, made++) {
          Path source = copies.resolve("v" + made / LINKS_PER_COPY + ".mp4");
          if (!Files.exists(source)) {
            Files.copy(video, source);
          }
          Path link = sub.resolve("v" + f + ".mp4");
          if (!Files.exists(link)) {
            Files.createLink(link, source);
          }
        }
      }
      Files.createFile(done);
    }
    return dir;
  }

  void run(Path tree, String name) throws Exception {
    CountingFileSystem.settings(LATENCY_MS).forEach((k, v) -> spark.conf().set(k, v));
    String uri = CountingFileSystem.uri(tree);
    try {
      for (boolean flat : new boolean[] {false, true}) {
        spark.conf().set("spark.sql.sources.useListFilesFileSystemList", flat ? "s3a," + CountingFileSystem.SCHEME
            : "s3a");
        // Per directory, one timed round after a warm-up: each planning lists 1,000 directories one call at a time.
        // Flat, one call in all: a median of several rounds, since one round moved by seconds between runs.
        double[] medians = Timing.interleavedMedians(flat ? Timing.REPEATS : 1,
            () -> plan(spark.read().format("video").load(uri).select("frame_index")),
            () -> plan(spark.read().format("binaryFile").load(uri).select("length")));
        table.add("8", name + ", " + (flat ? "flat listing" : "per-directory listing") + ", " + LATENCY_MS
            + " ms per list call: planning seconds, video vs binaryFile", seconds(medians[0]), seconds(medians[1]),
            ratio(medians[0] / medians[1]), "<= 1.1x", medians[0] <= 1.1 * medians[1]);
      }
      spark.conf().unset("spark.sql.sources.useListFilesFileSystemList");
      Dataset<Row> df = spark.read().format("video").load(uri);
      long before = CountingFileSystem.listings();
      plan(df.select("frame_index"));
      plan(df.where("part = 7").select("pts"));
      plan(df.where("_metadata.file_name = 'v0.mp4'").select("path"));
      long later = CountingFileSystem.listings() - before;
      table.add("8", name + ": listing calls of three later queries on the loaded DataFrame", Long.toString(later),
          "-", "-", "0", later == 0);
    } finally {
      CountingFileSystem.settings(LATENCY_MS).keySet().forEach(k -> spark.conf().unset(k));
      spark.conf().unset("spark.sql.sources.useListFilesFileSystemList");
    }
  }

  /**
   * Driver heap a loaded and planned DataFrame over {@code files} files adds (its file index, Spark's file status
   * cache entries, its planned partitions), in bytes per file, each measure after full GCs. Run before the timed
   * reads, whose indexes fill Spark's file status cache.
   */
  void heap(Path tree, int files) throws Exception {
    long without = usedHeapAfterGc();
    Dataset<Row> df = spark.read().format("video").load(tree.toString());
    plan(df.select("frame_index"));
    long with = usedHeapAfterGc();
    java.lang.ref.Reference.reachabilityFence(df);
    table.add("8", String.format(Locale.ROOT, "driver heap held by a DataFrame over %,d files: bytes per file (MB)",
        files), String.format(Locale.ROOT, "%,d (%.0f MB)", (with - without) / files, (with - without) / 1e6), "-",
        "-", "-", null);
  }

  /**
   * Plans a query down to its partitions without running it: the listing, then what each source computes before
   * its first task (a DataSource V2 scan plans its partitions with the physical plan, a V1 file scan when its RDD is
   * made), so that both sides do the same work.
   */
  private static void plan(Dataset<Row> df) {
    df.queryExecution().toRdd().getNumPartitions();
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
