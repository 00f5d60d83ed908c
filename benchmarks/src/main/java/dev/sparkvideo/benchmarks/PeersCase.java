package dev.sparkvideo.benchmarks;

import static dev.sparkvideo.benchmarks.ResultTable.number;
import static dev.sparkvideo.benchmarks.ResultTable.ratio;
import static dev.sparkvideo.benchmarks.ResultTable.seconds;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Case 9: spark-video beside its Python peers (torchcodec in both seek modes, PyAV, decord; {@link PythonPeers}) on
 * the same files, every decoder with one thread, one after the other in the same run: (a) the first frame, time and
 * bytes read, of 1080p files without and with B-frames; (b) a full decode to RGB24, frames per second and CPU per
 * frame; (c) 10 random frames of a 160 s file; (d) the metadata of the catalog, files per second of CPU. The peers
 * run in their own process on local files, as a Python user calls them; spark-video through Spark on local[2] from
 * the local path. In the ratio column, above 1 means spark-video is ahead.
 */
final class PeersCase {
  private static final int RANDOM_FRAMES = 10;

  private final SparkReads reads;
  private final PythonPeers peers;
  private final ResultTable table;

  PeersCase(SparkReads reads, PythonPeers peers, ResultTable table) {
    this.reads = reads;
    this.peers = peers;
    this.table = table;
    peers.notInstalled().forEach((group, why) ->
        table.add("9", "not installed here: " + group, "-", why, "-", "-", null));
  }

  void firstFrame(String label, Path file) throws Exception {
    long[] bytes = new long[1];
    double ours = Timing.median(Timing.REPEATS, () -> {
      Dataset<Row> df = reads.video(file.toString(), "threads", "1").where(col("frame_index").equalTo(0))
          .select(length(col("data")));
      df.collectAsList();
      bytes[0] = SparkReads.bytesRead(df);
    });
    forEachPeer(peers.run("first-frame", file.toString()), "first frame of " + label
        + ": seconds; bytes read (reads through a file-like object)", (name, r) -> {
          double time = r.get("seconds").asDouble();
          long peerBytes = r.get("bytes").asLong();
          table.add("9", "first frame of " + label + ": seconds; bytes read, vs " + name,
              seconds(ours) + "; " + bytes(bytes[0]),
              seconds(time) + "; " + bytes(peerBytes) + " (" + r.get("reads").asLong() + " reads)",
              ratio(time / ours) + "; " + ratio((double) peerBytes / bytes[0]), "ahead on both",
              ours <= time && bytes[0] <= peerBytes);
        });
  }

  void decode(String label, Path file, int frames) throws Exception {
    double[] cpu = new double[Timing.LONG_REPEATS + 1];
    int[] run = new int[1];
    double wall = Timing.median(Timing.LONG_REPEATS, () -> {
      double before = Timing.processCpuSeconds();
      reads.video(file.toString(), "threads", "1").select(length(col("data"))).collectAsList();
      cpu[run[0]++] = Timing.processCpuSeconds() - before;
    });
    double[] timed = Arrays.copyOfRange(cpu, 1, cpu.length);
    Arrays.sort(timed);
    double fps = frames / wall;
    double cpuMs = 1000 * timed[timed.length / 2] / frames;
    forEachPeer(peers.run("decode", file.toString()), "full decode of " + label, (name, r) -> {
      double peerFps = r.get("fps").asDouble();
      double peerCpu = r.get("cpu_ms_per_frame").asDouble();
      table.add("9", "full decode of " + label + " to RGB24: frames/s; CPU ms per frame, vs " + name,
          number(fps) + "; " + number(cpuMs), number(peerFps) + "; " + number(peerCpu),
          ratio(fps / peerFps) + "; " + ratio(peerCpu / cpuMs), "ahead on both", fps >= peerFps && cpuMs <= peerCpu);
    });
  }

  void randomFrames(String label, Path file, int frames) throws Exception {
    Random random = new Random(9);
    List<Integer> indices = new ArrayList<>();
    while (indices.size() < RANDOM_FRAMES) {
      int i = random.nextInt(frames);
      if (!indices.contains(i)) {
        indices.add(i);
      }
    }
    indices.sort(null);
    double ours = Timing.median(Timing.LONG_REPEATS, () -> {
      List<Row> rows = reads.video(file.toString(), "threads", "1")
          .where(col("frame_index").isin(indices.toArray())).select(length(col("data"))).collectAsList();
      if (rows.size() != RANDOM_FRAMES) {
        throw new IllegalStateException("expected " + RANDOM_FRAMES + " frames, got " + rows.size());
      }
    });
    List<String> args = new ArrayList<>(List.of("random", file.toString()));
    indices.forEach(i -> args.add(Integer.toString(i)));
    forEachPeer(peers.run(args.toArray(new String[0])), RANDOM_FRAMES + " random frames of " + label, (name, r) -> {
      double time = r.get("seconds").asDouble();
      table.add("9", RANDOM_FRAMES + " random frames of " + label + ", seconds, vs " + name, seconds(ours),
          seconds(time), ratio(time / ours), "ahead", ours <= time);
    });
  }

  void metadata(Path directory, int files) throws Exception {
    List<String> paths;
    try (Stream<Path> listed = Files.list(directory)) {
      paths = listed.map(Path::toString).sorted().toList();
    }
    ExecutorCpu cpu = ExecutorCpu.watch(reads.spark());
    Timing.median(Timing.REPEATS, cpu.counting(() -> {
      if (reads.video(directory.toString(), "mode", "metadata").collectAsList().size() < files) {
        throw new IllegalStateException("fewer metadata rows than files in " + directory);
      }
    }));
    double ours = files * (Timing.REPEATS + 1) / cpu.stop(); // the warm-up round is counted too
    List<String> args = new ArrayList<>(List.of("metadata"));
    args.addAll(paths);
    forEachPeer(peers.run(args.toArray(new String[0])), "metadata", (name, r) -> {
      double theirs = r.get("files_per_cpu_second").asDouble();
      table.add("9", String.format(Locale.ROOT, "metadata of the %d catalog files (local): files per second of"
          + " CPU (ours: task CPU), vs %s", files, name), number(ours), number(theirs), ratio(ours / theirs),
          "ahead", ours >= theirs);
    });
  }

  /** Calls {@code row} for every peer of {@code result}, and adds a row for each peer that was skipped. */
  private void forEachPeer(JsonNode result, String measure, PeerRow row) {
    for (Map.Entry<String, JsonNode> peer : result.properties()) {
      if (peer.getKey().equals("skipped")) {
        peer.getValue().properties().forEach(skipped -> table.add("9", measure + ", vs " + skipped.getKey(),
            "-", "skipped: " + skipped.getValue().asText(), "-", "-", null));
      } else {
        row.add(peer.getKey(), peer.getValue());
      }
    }
  }

  @FunctionalInterface
  private interface PeerRow {
    void add(String peer, JsonNode result);
  }

  private static String bytes(long n) {
    return String.format(Locale.ROOT, "%,d B", n);
  }
}
