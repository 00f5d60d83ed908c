package dev.sparkvideo.benchmarks;

import dev.sparkvideo.testing.VideoSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Writes the run's setup and table into docs/performance.md between the {@code results:start} and
 * {@code results:end} markers, keeping the hand-written analysis around them.
 */
final class PerformanceReport {
  static final String START = "<!-- results:start (written by the benchmarks module) -->";
  static final String END = "<!-- results:end -->";

  private PerformanceReport() {}

  static void write(Path file, ResultTable table, BenchmarkData data, String master) throws IOException {
    String doc = Files.readString(file);
    int start = doc.indexOf(START);
    int end = doc.indexOf(END);
    if (start < 0 || end < start) {
      throw new IOException(file + " has no " + START + " ... " + END + " section");
    }
    String results = START + "\n\n" + setup(data, master) + "\n" + table.markdown() + "\n";
    Files.writeString(file, doc.substring(0, start) + results + doc.substring(end));
  }

  private static String setup(BenchmarkData data, String master) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("- date: ").append(LocalDate.now()).append('\n');
    sb.append("- machine: ").append(cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores, Java ").append(System.getProperty("java.version")).append(", ")
        .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append('\n');
    sb.append("- Spark ").append(org.apache.spark.package$.MODULE$.SPARK_VERSION()).append(' ').append(master)
        .append(", FFmpeg 8.1.2 (Bytedeco 1.5.14), HDFS and S3 (S3Proxy) in the same JVM on 127.0.0.1\n");
    sb.append("- data (H.264 by libopenh264 with the index at the end; interlaced MPEG-2 in MPEG-TS; light grain):\n");
    for (VideoSpec spec : List.of(BenchmarkData.SEED, BenchmarkData.LARGE, BenchmarkData.FIVE_MINUTES,
        BenchmarkData.TEN_SECONDS, BenchmarkData.LONG, BenchmarkData.CYCLE, BenchmarkData.INTERLACED_SD,
        BenchmarkData.INTERLACED_HD)) {
      Path f = data.file(spec);
      double seconds = spec.durationSeconds();
      sb.append(String.format(Locale.ROOT, "  - `%s`: %.1f MB, %.0f s, %.1f Mbit/s%n", f.getFileName(),
          Files.size(f) / 1e6, seconds, Files.size(f) * 8 / seconds / 1e6));
      for (Reencodings.Encoder encoder : Reencodings.Encoder.values()) {
        Path reencoded = encoder.file(f);
        if (Files.exists(reencoded)) {
          sb.append(String.format(Locale.ROOT, "  - `%s` (by PyAV's %s): %.1f MB%n", reencoded.getFileName(),
              encoder.description, Files.size(reencoded) / 1e6));
        }
      }
    }
    long catalogBytes = 0;
    for (VideoSpec spec : BenchmarkData.CATALOG) {
      catalogBytes += Files.size(data.file(spec)) * BenchmarkData.CATALOG_COPIES;
    }
    sb.append(String.format(Locale.ROOT, "  - catalog: %d files, %.1f MB on average, %d copies each of %d ten-second "
        + "clips (720p MP4 with the index last, 360p MP4 with the index first, 360p Matroska with audio)%n",
        BenchmarkData.catalogFiles(), catalogBytes / 1e6 / BenchmarkData.catalogFiles(),
        BenchmarkData.CATALOG_COPIES, BenchmarkData.CATALOG.size()));
    sb.append("  - listing: 10,000 and 100,000 hard links to the 1 s file, in 1,000 partition directories\n");
    return sb.toString();
  }

  private static String cpuModel() throws IOException {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.exists(cpuinfo)) {
      for (String line : Files.readAllLines(cpuinfo)) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    }
    return "unknown CPU";
  }
}
