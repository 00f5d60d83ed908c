package dev.sparkvideo.benchmarks;

import static dev.sparkvideo.benchmarks.ResultTable.number;
import static dev.sparkvideo.benchmarks.ResultTable.ratio;
import static dev.sparkvideo.benchmarks.ResultTable.seconds;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;

import dev.sparkvideo.testing.CountingFileSystem;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Case 10: round trips, not just bytes. The local file system behind a wrapper that makes every open and every read
 * request take {@value #LATENCY_MS} ms, as a GET to S3 does (S3A's request pattern: with the random read policy each
 * read is a ranged GET, a vectored read's ranges go out at once): the first frame of the moov-at-end seed against
 * the local time plus three latencies, and the metadata of the catalog against binaryFile on the same wrapper.
 */
final class RoundTripCase {
  static final long LATENCY_MS = 25;
  private final SparkReads reads;
  private final ResultTable table;

  RoundTripCase(SparkReads reads, ResultTable table) {
    this.reads = reads;
    this.table = table;
  }

  void run(Path seed, Path catalog, int catalogFiles, int cores) throws Exception {
    CountingFileSystem.requestSettings(LATENCY_MS).forEach((k, v) -> reads.spark().conf().set(k, v));
    try {
      firstFrame(seed);
      metadata(catalog, catalogFiles, cores);
    } finally {
      CountingFileSystem.requestSettings(LATENCY_MS).keySet().forEach(k -> reads.spark().conf().unset(k));
    }
  }

  private void firstFrame(Path seed) throws Exception {
    String slow = CountingFileSystem.uri(seed);
    int[] trips = new int[2];
    double[] medians = Timing.interleavedMedians(Timing.REPEATS,
        () -> firstFrameOf(seed.toString()),
        () -> {
          CountingFileSystem.resetRequests();
          firstFrameOf(slow);
          trips[0] = CountingFileSystem.roundTrips();
          trips[1] = CountingFileSystem.requests();
        });
    double local = medians[0];
    double remote = medians[1];
    double bound = 1.2 * local + 3 * LATENCY_MS / 1000.0;
    table.add("10", String.format(Locale.ROOT, "first frame of the moov-at-end seed, %d ms per request: round trips"
        + " waited for one after the other (requests)", LATENCY_MS), trips[0] + " (" + trips[1] + ")", "-", "-",
        "<= 3", trips[0] <= 3);
    table.add("10", String.format(Locale.ROOT, "first frame, %d ms per request: seconds vs the local path (bound:"
        + " 1.2x local + 3 latencies = %.3f s)", LATENCY_MS, bound), seconds(remote), seconds(local),
        ratio(remote / local), "<= bound", remote <= bound);
  }

  private void firstFrameOf(String path) {
    reads.video(path).where(col("frame_index").equalTo(0)).select(length(col("data"))).collectAsList();
  }

  private void metadata(Path catalog, int files, int cores) throws Exception {
    String slow = CountingFileSystem.uri(catalog);
    int[] trips = new int[1];
    long[] bytes = new long[2];
    double[] medians = Timing.interleavedMedians(Timing.LONG_REPEATS,
        () -> {
          CountingFileSystem.resetRequests();
          bytes[0] = readMetadata(slow, files, "8");
          trips[0] = CountingFileSystem.roundTrips();
        },
        () -> bytes[1] = readMetadata(slow, files, "0"),
        () -> reads.spark().read().format("binaryFile").load(slow).select(length(col("content"))).collectAsList(),
        () -> readMetadata(catalog.toString(), files, "8"));
    double ahead = medians[0];
    double oneByOne = medians[1];
    double binary = medians[2];
    double local = medians[3];
    double perThread = files / ahead / cores;
    table.add("10", String.format(Locale.ROOT, "metadata of %d files, %d ms per request: files/s per task thread"
        + " (round trips of the read)", files, LATENCY_MS), number(perThread) + " (" + trips[0] + ")",
        number(files / oneByOne / cores) + " (openAhead=0)", ratio(oneByOne / ahead), ">= 8", perThread >= 8);
    table.add("10", String.format(Locale.ROOT, "metadata of %d files, %d ms per request: seconds vs binaryFile on"
        + " the same wrapper", files, LATENCY_MS), seconds(ahead), seconds(binary) + " (binaryFile)",
        ratio(binary / ahead), ">= 5x", binary / ahead >= 5);
    table.add("10", "metadata: bytes read per file, files opened ahead (ends learned from earlier files) vs one by"
        + " one", String.format(Locale.ROOT, "%,d B", bytes[0] / files), String.format(Locale.ROOT,
        "%,d B (openAhead=0)", bytes[1] / files), ratio((double) bytes[0] / bytes[1]), "-", null);
    int tasks = reads.video(slow, "mode", "metadata").javaRDD().getNumPartitions();
    table.add("10", String.format(Locale.ROOT, "metadata of %d files in %d tasks: seconds, %d ms per request vs the"
        + " local path", files, tasks, LATENCY_MS), seconds(ahead), seconds(local), ratio(ahead / local), "-", null);
  }

  /** Reads the metadata of the files under {@code path} and returns the bytes it read. */
  private long readMetadata(String path, int files, String openAhead) {
    Dataset<Row> df = reads.video(path, "mode", "metadata", "openAhead", openAhead);
    if (df.collectAsList().size() < files) {
      throw new IllegalStateException("fewer metadata rows than files in " + path);
    }
    return SparkReads.bytesRead(df);
  }
}
